"""What the Inventory page writes in words and tables: the dataset's note, the synthetic-data notice with
its sources, readable tables and the import-ready export. Pure: no Streamlit."""

from __future__ import annotations

import io
import json

import pandas as pd
import polars as pl

from dashboard.downloads import FORMULA_PREFIXES
from dashboard.editing.history import rules_words
from dashboard.formatting import count_text, format_number, format_period
from dashboard.i18n import t
from dashboard.i18n.numbers import system
from dashboard.inventory import grading
from dashboard.inventory.demo import NOTE, Anchors
from dashboard.inventory.grading import DISPOSITIONS
from dashboard.inventory.records import COLUMN_NAMES, INSTITUTION_TYPES, SYNTHETIC_NOTE_COLUMN
from dashboard.inventory.store import InventoryState
from dashboard.programme.selection import TypeFilter

XLSX_LIMIT = 100_000  # rows; larger downloads are CSV only
TABLE_COLUMNS = (
    "patent_number",
    "title",
    "institution",
    "institution_type",
    "province",
    "ipc_class",
    "grant_year",
    "patent_type",
    "grade",
    "disposition",
    "stage",
    "deal_type",
    "deal_value",
    "deal_date",
)


def inventory_types(types: TypeFilter) -> tuple[str, ...]:
    """The inventory's institution types that the filter shows (none for enterprises)."""
    return tuple(x for x in INSTITUTION_TYPES if types.shows(x))


def dataset_note(state: InventoryState, lang: str) -> str:
    """The line every chart and table of the inventory carries: synthetic, or where the records came from."""
    if state.synthetic:
        return t("inv_synthetic", lang)
    return t("inv_imported_note", lang, file=state.detail.get("file", "?"))


def synthetic_notice(anchors: Anchors, records: int, lang: str) -> list[str]:
    """The published proportions the demo follows, each as a sentence (sources are cited beside them)."""
    total = anchors.inventoried
    held = anchors.holdings
    return [
        t(
            "inv_shaped_split",
            lang,
            university=format_number(held["university"], "件", lang),
            institute=format_number(held["research_institute"], "件", lang),
            period=format_period(anchors.holdings_period, lang),
        ),
        t("inv_shaped_pool", lang, share=f"{anchors.pool_share:.1%}"),
        t(
            "inv_shaped_scale",
            lang,
            total=format_number(total, "件", lang),
            period=format_period(anchors.inventoried_period, lang),
            n=count_text(records, lang),
            share=f"{records / total:.1%}",
        ),
    ]


def _names(series: pl.Series, names: dict[str, str]) -> pl.Series:
    return series.cast(pl.String).replace_strict(names, default=None, return_dtype=pl.String)


def _labels(prefix: str, values, lang: str) -> dict[str, str]:
    return {v: t(f"{prefix}{v}", lang) for v in values}


def league_table(
    league: pl.DataFrame, type_names: dict[str, str], province_names: dict[str, str], lang: str
) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("inv_col_institution", lang): league["institution"].cast(pl.String).to_list(),
            t("inv_col_institution_type", lang): _names(league["institution_type"], type_names).to_list(),
            t("inv_col_province", lang): _names(league["province"], province_names).to_list(),
            t("inv_col_patents", lang): league["patents"].to_list(),
            t("inv_col_pooled", lang): league["pooled"].to_list(),
            t("inv_col_deals", lang): league["deals"].to_list(),
            t("inv_col_deal_value", lang): (league["value"] / system(lang).wan_per_table_unit())
            .round(2)
            .to_list(),
        }
    )


def page_table(
    rows: pl.DataFrame, type_names: dict[str, str], province_names: dict[str, str], lang: str
) -> pl.DataFrame:
    """One page of records with readable headers and values (polars: Streamlit shows it without pandas)."""
    from dashboard.inventory.records import DEAL_TYPES, PATENT_TYPES, STAGES

    readable = rows.select(TABLE_COLUMNS).with_columns(
        _names(rows["institution_type"], type_names).alias("institution_type"),
        _names(rows["province"], province_names).alias("province"),
        _names(rows["patent_type"], _labels("inv_ptype_", PATENT_TYPES, lang)).alias("patent_type"),
        _names(rows["disposition"], _labels("inv_disposition_", DISPOSITIONS, lang)).alias("disposition"),
        _names(rows["stage"], _labels("inv_stage_", STAGES, lang)).alias("stage"),
        _names(rows["deal_type"], _labels("inv_deal_", DEAL_TYPES, lang)).alias("deal_type"),
        pl.col("ipc_class").cast(pl.String),
        pl.col("grade").cast(pl.String),
        pl.col("deal_date").cast(pl.String),
        (pl.col("deal_value") / system(lang).wan_per_table_unit()).round(2),  # 万元, or CNY m in English
    )
    return readable.rename({c: t(f"inv_col_{c}", lang) for c in TABLE_COLUMNS})


def with_note(frame: pd.DataFrame, synthetic: bool, lang: str) -> pd.DataFrame:
    """A table to download: synthetic data leads with a column saying so on every row (in both languages)."""
    if not synthetic:
        return frame
    return pd.concat(
        [pd.DataFrame({t("inv_col_dataset", lang): [NOTE] * len(frame)}, index=frame.index), frame], axis=1
    )


def export_frame(records: pl.DataFrame, synthetic: bool) -> pl.DataFrame:
    """Records in the import columns (so an export of real records imports again), text a spreadsheet would
    run as a formula neutralised; synthetic records lead with a column saying so on every row."""
    out = records.select(COLUMN_NAMES).with_columns(
        pl.col(pl.Categorical, pl.Enum).cast(pl.String), pl.col("deal_date").cast(pl.String)
    )
    risky = "^[" + "".join("\\" + c if c in "-+" else c for c in FORMULA_PREFIXES) + "]"
    out = out.with_columns(
        pl.when(pl.col(c).str.contains(risky)).then(pl.lit("'") + pl.col(c)).otherwise(pl.col(c)).alias(c)
        for c in ("patent_number", "title", "institution")
    )
    if synthetic:
        out = out.select(pl.lit(NOTE).alias(SYNTHETIC_NOTE_COLUMN), pl.all())
    return out


def export_csv(records: pl.DataFrame, synthetic: bool) -> bytes:
    """UTF-8 with BOM, so spreadsheet programs read the Chinese right."""
    buffer = io.BytesIO()
    export_frame(records, synthetic).write_csv(buffer)
    return "\ufeff".encode() + buffer.getvalue()


def export_xlsx(records: pl.DataFrame, synthetic: bool) -> bytes:
    buffer = io.BytesIO()
    sheet = "synthetic demo data" if synthetic else "inventory"
    export_frame(records, synthetic).write_excel(buffer, worksheet=sheet, autofit=False)
    return buffer.getvalue()


def download_name(synthetic: bool) -> str:
    return "inventory-synthetic-demo-data" if synthetic else "inventory"


def shift_table(shift: pl.DataFrame, lang: str) -> tuple[pd.DataFrame, int, int]:
    """Stored disposition × tried disposition as a readable cross table; and how many move, of how many."""
    names = _labels("inv_disposition_", DISPOSITIONS, lang)
    total = int(shift["patents"].sum()) if shift.height else 0
    moved = int(shift.filter(pl.col("stored") != pl.col("tried"))["patents"].sum()) if shift.height else 0
    grid = pd.DataFrame(0, index=[names[d] for d in DISPOSITIONS], columns=[names[d] for d in DISPOSITIONS])
    for stored, tried, n in shift.iter_rows():
        grid.loc[names[stored], names[tried]] = n
    grid.index.name = f"{t('inv_stored', lang)} ↓ · {t('inv_tried', lang)} →"
    return grid.reset_index(), moved, total


def rules_text(rules: grading.RuleSet, lang: str) -> str:
    """The rule set in a line, as the history shows it too."""
    return rules_words(json.loads(rules.to_json()), lang)
