"""The Inventory page's numbers, computed by polars over the whole inventory (no per-row Python).

Chosen over DuckDB by measurement (`python -m dashboard bench --engines --rows 1000000`): the page's
aggregations over a million records, median of 12 filter states, took 26 ms in lazy polars on
dictionary-encoded columns against 224 ms in DuckDB (the same queries in SQL) on the same 2-core machine.
The frame is prepared once per data version (categorical columns), and so is its Summary: the records counted
by every column the page filters or counts by. A filter change sums the Summary for the first screen and the
charts; only the tab of institutions and the tab of records go back to the records, and only when open.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from dashboard.inventory.grading import DISPOSITIONS, GRADES, RuleSet, disposition_shift
from dashboard.inventory.records import (
    DEAL_STAGES,
    DEAL_TYPES,
    INSTITUTION_TYPES,
    IPC_SECTIONS,
    LEGAL_STATUSES,
    PATENT_TYPES,
    SCHEMA,
    STAGES,
)

# Funnel levels and the stages that have reached each: a deal counts at every level before it.
FUNNEL = ("inventoried", "conversion_pool", "matched", "deal")
STAGE_LEVEL = {
    "inventoried": 0,
    "abandoned": 0,
    "conversion_pool": 1,
    "matched": 2,
    **dict.fromkeys(DEAL_STAGES, 3),
}
POOLED = [s for s, level in STAGE_LEVEL.items() if level >= 1]  # in the conversion pool or beyond
PAGE_SIZE = 50
LEAGUE_SIZE = 20


def enum_types(province_ids: list[str]) -> dict[str, pl.DataType]:
    """The fixed-vocabulary columns as polars Enums (one byte or two per value, fast filters)."""
    return {
        "institution_type": pl.Enum(INSTITUTION_TYPES),
        "province": pl.Enum(province_ids),
        "ipc_section": pl.Enum(IPC_SECTIONS),
        "patent_type": pl.Enum(PATENT_TYPES),
        "legal_status": pl.Enum(LEGAL_STATUSES),
        "grade": pl.Enum(GRADES),
        "disposition": pl.Enum(DISPOSITIONS),
        "stage": pl.Enum(STAGES),
        "deal_type": pl.Enum(DEAL_TYPES),
    }


def engine_types(province_ids: list[str]) -> dict[str, pl.DataType]:
    """The column types the engine keeps: enums for vocabularies, institutions and classes dictionary-encoded."""
    return {**SCHEMA, **enum_types(province_ids), "institution": pl.Categorical, "ipc_class": pl.Categorical}


def prepare(frame: pl.DataFrame, province_ids: list[str]) -> pl.DataFrame:
    """The inventory as the engine keeps it (see engine_types)."""
    return frame.cast(engine_types(province_ids))


@dataclass(frozen=True)
class Filters:
    """What the page shows: institution types, grant years (inclusive), and the page's own province and
    field (IPC section) choices (empty = all)."""

    types: tuple[str, ...] = INSTITUTION_TYPES
    years: tuple[int, int] | None = None
    provinces: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()

    def expr(self, with_years: bool = True) -> pl.Expr:
        parts = [pl.col("institution_type").is_in(list(self.types))]
        if self.provinces:
            parts.append(pl.col("province").is_in(list(self.provinces)))
        if self.sections:
            parts.append(pl.col("ipc_section").is_in(list(self.sections)))
        if with_years and self.years is not None:
            parts.append(pl.col("grant_year").is_between(self.years[0], self.years[1]))
        return pl.all_horizontal(parts)


@dataclass
class PageData:
    total: int  # records in the inventory
    shown: int  # records the filters keep
    outside_years: int  # records the other filters keep but the year range leaves out
    funnel: pl.DataFrame  # level, patents
    dispositions: pl.DataFrame  # institution_type, disposition, patents
    provinces: pl.DataFrame  # province, patents, deals
    fields: pl.DataFrame  # ipc_section, patents, deals
    grant_years: pl.DataFrame  # grant_year, patents
    deals: pl.DataFrame  # deal_type, deals, value (万元, disclosed values summed), median
    # The tables and the page of records, only where asked for (page_data; the page asks for the open tab's):
    # league: institution, institution_type, province, patents, pooled, deals, value
    league: pl.DataFrame | None = None
    rows: pl.DataFrame | None = None  # one page of the filtered records
    pages: int = 1
    page: int = 1


# Every column the page filters by or counts by, but the institution and the deal's value.
SUMMARY_COLUMNS = (
    "institution_type",
    "province",
    "ipc_section",
    "grant_year",
    "stage",
    "disposition",
    "deal_type",
)
DEAL_COLUMNS = ("institution_type", "province", "ipc_section", "grant_year", "deal_type", "deal_value")


@dataclass(frozen=True)
class Summary:
    """The inventory counted once per data version by every column the page filters or counts by: some tens
    of thousands of rows however many records there are (59,493 for the 1 M demo records, made in about 25 ms).
    A filter change then sums these counts instead of scanning every record: at 1 M records the page's
    numbers took 10–30 ms from the records and take 2–3 ms from here (`python -m dashboard bench --inventory`).
    A median cannot be summed, so the records with a deal (a few per cent) stay beside it with their values."""

    total: int  # records in the inventory
    counts: pl.DataFrame  # SUMMARY_COLUMNS, patents
    deals: pl.DataFrame  # DEAL_COLUMNS: one row per record with a deal


def summarise(frame: pl.DataFrame) -> Summary:
    """The Summary of an engine frame (prepare)."""
    # Lazily, so that only the columns counted are read: the eager group_by on the frame as loaded (in chunks)
    # made a whole copy first, 1.2 GB at 10 M records, where this takes about 40 MB and a quarter of the time.
    counts, deals = pl.collect_all(
        [
            frame.lazy().group_by(SUMMARY_COLUMNS).agg(pl.len().cast(pl.Int64).alias("patents")),
            frame.lazy().filter(pl.col("deal_type").is_not_null()).select(DEAL_COLUMNS),
        ]
    )
    return Summary(total=frame.height, counts=counts.rechunk(), deals=deals.rechunk())


def funnel_frame(stage_counts: pl.DataFrame) -> pl.DataFrame:
    """Patents that reached each funnel level, from the count per stage (7 rows at most)."""
    counts = dict(zip(stage_counts["stage"].cast(pl.String), stage_counts["patents"], strict=True))
    reached = [sum(n for s, n in counts.items() if STAGE_LEVEL[s] >= level) for level in range(len(FUNNEL))]
    return pl.DataFrame(
        {"level": list(FUNNEL), "patents": reached}, schema={"level": pl.String, "patents": pl.Int64}
    )


def summary_data(summary: Summary, filters: Filters) -> PageData:
    """The page's numbers and chart data for one filter state, from the Summary (no table: see league and
    records_page)."""
    counts = summary.counts.lazy()
    kept = counts.filter(filters.expr())
    patents = pl.col("patents").sum()
    with_deal = pl.col("patents").filter(pl.col("deal_type").is_not_null()).sum()
    (shown, unyeared, stages, dispositions, provinces, fields, years, deals) = pl.collect_all(
        [
            kept.select(patents.alias("n")),
            counts.filter(filters.expr(with_years=False)).select(patents.alias("n")),
            kept.group_by("stage").agg(patents),
            kept.group_by("institution_type", "disposition")
            .agg(patents)
            .sort("institution_type", "disposition"),
            kept.group_by("province").agg(patents, with_deal.alias("deals")).sort("province"),
            kept.group_by("ipc_section").agg(patents, with_deal.alias("deals")).sort("ipc_section"),
            kept.group_by("grant_year").agg(patents).sort("grant_year"),
            summary.deals.lazy()
            .filter(filters.expr())
            .group_by("deal_type")
            .agg(
                pl.len().alias("deals"),
                pl.col("deal_value").sum().alias("value"),
                pl.col("deal_value").median().alias("median"),
            )
            .sort("deal_type"),
        ]
    )
    n = int(shown["n"][0] or 0)
    return PageData(
        total=summary.total,
        shown=n,
        outside_years=int(unyeared["n"][0] or 0) - n,
        funnel=funnel_frame(stages),
        dispositions=dispositions,
        provinces=provinces,
        fields=fields,
        grant_years=years,
        deals=deals,
    )


def league(frame: pl.DataFrame, filters: Filters, size: int = LEAGUE_SIZE) -> pl.DataFrame:
    """The `size` institutions with the most deals (then the highest value, the most patents, by name) among
    the records the filters keep."""
    is_deal = pl.col("deal_type").is_not_null()
    return (
        frame.lazy()
        .filter(filters.expr())
        .group_by("institution")
        .agg(
            pl.col("institution_type").first(),
            pl.col("province").first(),
            pl.len().alias("patents"),
            pl.col("stage").is_in(POOLED).sum().alias("pooled"),
            is_deal.sum().alias("deals"),
            pl.col("deal_value").sum().alias("value"),
        )
        .sort(
            ["deals", "value", "patents", "institution"],
            descending=[True, True, True, False],
            maintain_order=True,
        )
        .head(size)
        .collect()
    )


def records_page(
    frame: pl.DataFrame, filters: Filters, shown: int, page: int = 1, page_size: int = PAGE_SIZE
) -> tuple[pl.DataFrame, int, int]:
    """One page of the `shown` records the filters keep: (rows, page, pages). A page past the last (the
    filters shrank under it) gives the last."""
    pages = max(1, -(-shown // page_size))
    page = min(max(1, int(page)), pages)
    rows = frame.lazy().filter(filters.expr()).slice((page - 1) * page_size, page_size).collect()
    return rows, page, pages


def page_data(
    frame: pl.DataFrame,
    filters: Filters,
    page: int = 1,
    page_size: int = PAGE_SIZE,
    league_size: int = LEAGUE_SIZE,
    summary: Summary | None = None,
) -> PageData:
    """Everything the Inventory page can show for one filter state, both tables included (`summary`: the
    frame's, when the caller keeps one)."""
    data = summary_data(summary or summarise(frame), filters)
    data.league = league(frame, filters, league_size)
    data.rows, data.page, data.pages = records_page(frame, filters, data.shown, page, page_size)
    return data


def rule_shift(frame: pl.DataFrame, filters: Filters, rules: RuleSet) -> pl.DataFrame:
    """Stored disposition → disposition under `rules`, counted over the patents the filters keep."""
    return disposition_shift(frame.lazy().filter(filters.expr()), rules)


def filtered(frame: pl.DataFrame, filters: Filters) -> pl.DataFrame:
    """Every record the filters keep (for the download)."""
    return frame.lazy().filter(filters.expr()).collect()
