"""A deterministic synthetic stock-patent inventory ("synthetic demo data" / 合成演示数据), for trying the
Inventory page without real records.

Only its shape rests on published figures, each read from the curated tables with its source:
- the split between universities and institutes: their valid invention patents held (794,000 : 229,000 in
  2023, CNIPA's February 2024 press conference, "about 79 : 23" in 万);
- the share of inventoried patents that entered the conversion pool (676,000 of 914,000 by April 2024,
  Xinhua's report of the inventory);
- the scale the page compares against: 1,349,000 patents inventoried by November 2024 (CNIPA's November
  2024 press conference), and more than 2,700 institutions that finished the inventory (CNIPA, May 2025).
Everything else — province and field weights, scores, matching and deal rates, deal values, names, titles
and numbers — is the generator's own invention and says nothing about the real inventory. Province weights
in particular are drawn from the seed, so no ranking of provinces is implied.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd
import polars as pl

from dashboard.i18n import LocalizedError
from dashboard.inventory.grading import DEFAULT_RULES, RuleSet, grade_frame
from dashboard.inventory.records import DEAL_STAGES, SCHEMA, STAGES

NOTE_ZH, NOTE_EN = "合成演示数据", "synthetic demo data"
NOTE = f"{NOTE_ZH} / {NOTE_EN}"
NOT_MAINLAND = ("taiwan", "hongkong", "macao")  # the programme's inventory is of mainland institutions
# IPC classes the demo spreads its patents over, per section (the classification's own codes).
IPC_CLASSES = {
    "A": ("A01", "A23", "A61", "A63"),
    "B": ("B01", "B23", "B29", "B60", "B65"),
    "C": ("C01", "C02", "C04", "C07", "C08", "C12", "C22"),
    "D": ("D01", "D06", "D21"),
    "E": ("E01", "E02", "E04", "E21"),
    "F": ("F01", "F16", "F24", "F25"),
    "G": ("G01", "G05", "G06", "G08", "G16"),
    "H": ("H01", "H02", "H04", "H05"),
}
# The generator's own parameters (not published figures).
SECTION_WEIGHTS = {"A": 0.14, "B": 0.14, "C": 0.18, "D": 0.03, "E": 0.05, "F": 0.08, "G": 0.22, "H": 0.16}
PATENT_TYPE_WEIGHTS = {"invention": 0.75, "utility_model": 0.22, "design": 0.03}
DEAL_START = dt.date(2024, 1, 1)  # the stock-patent plan's first year


class AnchorMissing(LocalizedError, LookupError):
    """The curated data lacks a published figure the demo is shaped on."""


@dataclass(frozen=True)
class Anchors:
    """The published figures the demo is shaped on, each with its source id."""

    holdings: dict[str, float]  # institution type → valid invention patents held
    holdings_source: str
    holdings_period: str
    pool_share: float  # conversion pool / inventoried, same report
    pool_source: str
    pool_period: str
    inventoried: float  # the latest national count of inventoried stock patents
    inventoried_source: str
    inventoried_period: str
    institutions: float
    institutions_source: str

    @property
    def sources(self) -> list[str]:
        return [self.inventoried_source, self.holdings_source, self.pool_source, self.institutions_source]


def _latest(obs: pd.DataFrame, indicator: str, institution_type: str) -> pd.Series:
    rows = obs[(obs["indicator"] == indicator) & (obs["institution_type"] == institution_type)]
    if rows.empty:
        raise AnchorMissing("demo_no_anchor", indicator=indicator, institution_type=institution_type)
    return rows.sort_values("period").iloc[-1]


def published_anchors(tables: dict[str, pd.DataFrame]) -> Anchors:
    """The anchors, read from the curated observations (never typed in here)."""
    obs = tables.observations
    held = {
        kind: _latest(obs, "valid_invention_patents_held", kind)
        for kind in ("university", "research_institute")
    }
    if held["university"]["period"] != held["research_institute"]["period"]:
        raise AnchorMissing("demo_holdings_periods")
    inventoried = _latest(obs, "stock_patents_inventoried", "university_and_institute")
    # The pool share needs both counts from one report: the latest report that gives both.
    both = obs[
        obs["indicator"].isin(["stock_patents_inventoried", "stock_patents_conversion_pool"])
        & (obs["institution_type"] == "university_and_institute")
    ]
    pairs = {}
    for row in both.itertuples(index=False):
        pairs.setdefault((row.period, row.source), {})[row.indicator] = row.value
    paired = sorted(key for key, found in pairs.items() if len(found) == 2)
    if not paired:
        raise AnchorMissing("demo_no_pool_pair")
    pool_period, pool_source = paired[-1]
    pair = pairs[paired[-1]]
    institutions = _latest(obs, "inventory_institutions", "university_and_institute")
    return Anchors(
        holdings={k: float(v["value"]) for k, v in held.items()},
        holdings_source=held["university"]["source"],
        holdings_period=held["university"]["period"],
        pool_share=float(pair["stock_patents_conversion_pool"] / pair["stock_patents_inventoried"]),
        pool_source=pool_source,
        pool_period=pool_period,
        inventoried=float(inventoried["value"]),
        inventoried_source=inventoried["source"],
        inventoried_period=inventoried["period"],
        institutions=float(institutions["value"]),
        institutions_source=institutions["source"],
    )


def detail(rows: int, seed: int, anchors: Anchors) -> dict:
    """What the store records about a demo: its size, its seed and the published figures it was shaped on."""
    return {"rows": rows, "seed": seed, "anchors": asdict(anchors)}


def anchors_of(change_detail: dict) -> Anchors | None:
    """The anchors a stored demo was shaped on (None for a demo recorded without them)."""
    raw = change_detail.get("anchors")
    return Anchors(**raw) if isinstance(raw, dict) else None


def _choice(rng: np.random.Generator, options, weights, size: int) -> np.ndarray:
    p = np.asarray(weights, dtype=float)
    return rng.choice(len(options), size=size, p=p / p.sum())


def _zipf_weights(n: int, exponent: float = 1.1, offset: float = 3.0) -> np.ndarray:
    return 1.0 / (np.arange(n) + offset) ** exponent


def generate(
    rows: int,
    seed: int,
    anchors: Anchors,
    province_ids: list[str],
    rules: RuleSet = DEFAULT_RULES,
    today: dt.date | None = None,
) -> pl.DataFrame:
    """`rows` synthetic records in the inventory's columns (the same for the same arguments)."""
    if rows < 1:
        raise ValueError("rows must be at least 1")
    today = today or dt.date.today()
    rng = np.random.default_rng(seed)
    provinces = np.array([p for p in province_ids if p not in NOT_MAINLAND])
    province_weights = _zipf_weights(len(provinces), 0.9, 2.0)[rng.permutation(len(provinces))]

    # Institutions: as many as the published count at national scale, fewer for a small demo.
    kinds = ("university", "research_institute")
    share = np.array([anchors.holdings[k] for k in kinds]) / sum(anchors.holdings.values())
    n_inst = int(min(anchors.institutions, max(10, rows // 400)))
    per_kind = [max(1, round(n_inst * s)) for s in share]
    inst_kind = np.repeat([0, 1], per_kind)
    inst_province = provinces[_choice(rng, provinces, province_weights, len(inst_kind))]
    inst_quality = rng.normal(0, 1, len(inst_kind))
    counters = [0, 0]
    names = []
    for k in inst_kind:
        counters[k] += 1
        names.append(f"{'演示大学' if k == 0 else '演示研究所'} {counters[k]:04d}")
    inst_names = np.array(names)

    # Patents: type by the published split, then an institution of that type (a few hold many).
    kind = _choice(rng, kinds, share, rows)
    institution = np.empty(rows, dtype=np.int64)
    for k in (0, 1):
        members = np.flatnonzero(inst_kind == k)
        chosen = kind == k
        weights = _zipf_weights(len(members))
        institution[chosen] = members[_choice(rng, members, weights, int(chosen.sum()))]
    quality = inst_quality[institution]

    sections = list(IPC_CLASSES)
    section = _choice(rng, sections, [SECTION_WEIGHTS[s] for s in sections], rows)
    class_pick = rng.random(rows)
    ipc_class = np.empty(rows, dtype=object)
    for i, s in enumerate(sections):
        here = section == i
        classes = IPC_CLASSES[s]
        index = np.minimum((class_pick[here] ** 1.6 * len(classes)).astype(int), len(classes) - 1)
        ipc_class[here] = np.array(classes, dtype=object)[index]

    ptypes = list(PATENT_TYPE_WEIGHTS)
    ptype = _choice(rng, ptypes, list(PATENT_TYPE_WEIGHTS.values()), rows)
    # Grant years rise towards the last full year; the application came one to four years before (inventions).
    last_year = today.year - 1
    grant_years = np.arange(last_year - 14, last_year + 1)
    grant_year = grant_years[_choice(rng, grant_years, np.linspace(0.4, 1.0, len(grant_years)), rows)]
    lag = np.where(ptype == 0, rng.integers(1, 5, rows), 1)
    application_year = grant_year - lag

    tech = np.clip(rng.normal(60 + 7 * quality, 13, rows), 0, 100)
    market = np.clip(rng.normal(52 + 5 * quality + 0.35 * (tech - 60), 14, rows), 0, 100)
    legal = np.clip(rng.normal(70 + 3 * quality, 12, rows), 0, 100)

    frame = pl.DataFrame(
        {
            "serial": np.arange(rows, dtype=np.int64),
            "institution": pl.Series(inst_names).gather(institution),
            "institution_type": pl.Series(kinds).gather(kind),
            "province": pl.Series(inst_province).gather(institution),
            "ipc_section": pl.Series(sections).gather(section),
            "ipc_class": pl.Series(ipc_class.astype(str)),
            "application_year": application_year.astype(np.int16),
            "grant_year": grant_year.astype(np.int16),
            "patent_type": pl.Series(ptypes).gather(ptype),
            "tech_score": np.round(tech, 1).astype(np.float32),
            "market_score": np.round(market, 1).astype(np.float32),
            "legal_score": np.round(legal, 1).astype(np.float32),
        }
    )
    frame = grade_frame(frame, rules)
    stage = _stages(rng, frame["disposition"].to_numpy(), anchors.pool_share)  # codes into STAGES
    deal_code = np.select([stage == STAGES.index(s) for s in DEAL_STAGES], [1, 2, 3], 0)
    is_deal = deal_code > 0
    median = np.select(
        [stage == STAGES.index("transferred"), stage == STAGES.index("licensed")], [30.0, 12.0], 2.0
    )
    value = np.where(is_deal, np.round(median * rng.lognormal(0, 1.0, rows), 2), np.nan)
    span = max((today - DEAL_START).days, 1)
    offsets = rng.integers(0, span, rows)
    digits = 7 if rows <= 10**7 else len(str(rows - 1))
    frame = frame.with_columns(
        pl.format(
            "CN{}{}{}",
            pl.col("application_year"),
            pl.col("patent_type").replace_strict({"invention": "1", "utility_model": "2", "design": "3"}),
            pl.col("serial").cast(pl.String).str.zfill(digits),
        ).alias("patent_number"),
        pl.format(
            "合成演示专利 {}-{}", pl.col("ipc_class"), pl.col("serial").cast(pl.String).str.zfill(digits)
        ).alias("title"),
        pl.Series(STAGES).gather(stage).alias("stage"),
        pl.Series(["valid", "lapsed"])
        .gather((stage == STAGES.index("abandoned")).astype(np.int8))
        .alias("legal_status"),
        pl.Series([None, *DEAL_STAGES.values()], dtype=pl.String).gather(deal_code).alias("deal_type"),
        pl.Series("deal_value", value).fill_nan(None),
        pl.Series(
            "deal_date",
            np.where(
                is_deal, np.datetime64(DEAL_START) + offsets.astype("timedelta64[D]"), np.datetime64("NaT")
            ),
        ).cast(pl.Date),
    )
    return frame.select(list(SCHEMA)).cast(SCHEMA)


def _stages(rng: np.random.Generator, disposition: np.ndarray, pool_share: float) -> np.ndarray:
    """Where each patent stands, as codes into STAGES: the pooled share overall as published; the rest of
    the way (matching, deals) at the generator's own rates, by disposition."""
    code = {name: np.int8(i) for i, name in enumerate(STAGES)}
    n = len(disposition)
    stop = disposition == "stop_maintaining"
    pool_given_kept = min(0.98, pool_share / max(1e-9, 1 - stop.mean()))
    draw, next_draw, kind_draw, split = rng.random(n), rng.random(n), rng.random(n), rng.random(n)
    stage = np.where(
        stop,
        np.where(draw < 0.7, code["abandoned"], code["inventoried"]),
        np.where(draw < pool_given_kept, code["conversion_pool"], code["inventoried"]),
    ).astype(np.int8)
    pooled = stage == code["conversion_pool"]
    commercialise = pooled & (disposition == "commercialise")
    protect = pooled & (disposition == "protect")
    open_licence = pooled & (disposition == "open_licence")
    matched = (commercialise & (next_draw < 0.14)) | (protect & (next_draw < 0.04))
    stage[matched] = code["matched"]
    dealt = matched & (kind_draw < 0.55)
    stage[dealt] = np.where(split[dealt] < 0.45, code["transferred"], code["licensed"])
    stage[open_licence & (next_draw < 0.12)] = code["open_licensed"]
    return stage
