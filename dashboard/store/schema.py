"""The store's tables (SQLAlchemy Core). Changes to them are made only through dashboard.migrations."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("description", Text, nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

institution_types = Table(
    "institution_types",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("name_zh", Text, nullable=False),
    Column("name_en", Text, nullable=False),
    Column("covers", Text),
    Column("sort_order", Integer, nullable=False),
)

assumptions = Table(
    "assumptions",
    metadata,
    Column("id", String(80), primary_key=True),
    Column("name_zh", Text),
    Column("name_en", Text),
    Column("text_zh", Text, nullable=False),
    Column("text_en", Text, nullable=False),
)

sources = Table(
    "sources",
    metadata,
    Column("id", String(120), primary_key=True),
    Column("title_zh", Text, nullable=False),
    Column("title_en", Text, nullable=False),
    Column("outlet_zh", Text, nullable=False),
    Column("outlet_en", Text, nullable=False),
    Column("published", String(10)),
    Column("date_note", Text),
    Column("date_note_en", Text),
    Column("kind", String(40), nullable=False),
    Column("language", String(10), nullable=False),
    Column("url", Text),
    Column("grade", String(1), nullable=False),
    Column("reported_by", Text),
    Column("reported_by_en", Text),
    Column("note", Text),
    Column("note_en", Text),
    Column("seed_file", Text),
    Column(
        "revision", Integer, nullable=False, server_default="1"
    ),  # counts edits, to catch conflicting ones
)

programmes = Table(
    "programmes",
    metadata,
    Column("id", String(60), primary_key=True),
    Column("name_zh", Text, nullable=False),
    Column("name_en", Text, nullable=False),
    Column("short_zh", Text, nullable=False),
    Column("short_en", Text, nullable=False),
    Column("issuer_zh", Text, nullable=False),
    Column("issuer_en", Text, nullable=False),
    Column("document_number", Text),
    Column("issued", String(10)),
    Column("announced", String(10)),
    Column("deadline", String(10)),
    Column("goal_zh", Text, nullable=False),
    Column("goal_en", Text, nullable=False),
    Column("source", String(120), ForeignKey("sources.id")),
    Column("sort_order", Integer, nullable=False),
)

indicators = Table(
    "indicators",
    metadata,
    Column("id", String(60), primary_key=True),
    Column("name_zh", Text, nullable=False),
    Column("name_en", Text, nullable=False),
    Column("unit", String(20), nullable=False),
    Column("unit_en", String(40), nullable=False),
    Column("higher_is_better", Boolean, nullable=False),
    Column("measure", String(20), nullable=False),
    Column("institution_types", Text, nullable=False),
    Column("programme", String(60), ForeignKey("programmes.id"), nullable=False),
    Column("definition_zh", Text, nullable=False),
    Column("definition_en", Text, nullable=False),
    Column("release_zh", Text),
    Column("release_en", Text),
    Column("release_month", Integer),
    Column("release_lag", Integer),
)

observations = Table(
    "observations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("indicator", String(60), ForeignKey("indicators.id"), nullable=False),
    Column("period", String(10), nullable=False),
    Column("value", Float, nullable=False),
    Column("unit", String(20), nullable=False),
    Column("qualifier", String(20), nullable=False),
    Column("institution_type", String(40), ForeignKey("institution_types.id"), nullable=False),
    Column("source", String(120), ForeignKey("sources.id"), nullable=False),
    Column("grade", String(1), nullable=False),
    Column("formula", Text),
    Column("formula_en", Text),
    Column("assumption", String(80), ForeignKey("assumptions.id")),
    Column("where", Text),
    Column("where_en", Text),
    Column("note", Text),
    Column("note_en", Text),
    Column("basis", String(20)),
    Column("revision", Integer, nullable=False, server_default="1"),
    UniqueConstraint("indicator", "period", "institution_type", "source", name="uq_observation_key"),
)

targets = Table(
    "targets",
    metadata,
    Column("id", String(80), primary_key=True),
    Column("indicator", String(60), ForeignKey("indicators.id"), nullable=False),
    Column("institution_type", String(40), ForeignKey("institution_types.id"), nullable=False),
    Column("programme", String(60), ForeignKey("programmes.id"), nullable=False),
    Column("comparator", String(10), nullable=False),
    Column("target_value", Float),
    Column("unit", String(20), nullable=False),
    Column("wording_zh", Text, nullable=False),
    Column("wording_en", Text, nullable=False),
    Column("deadline", String(10), nullable=False),
    Column("baseline_period", String(10)),
    Column("baseline_value", Float),
    Column("source", String(120), ForeignKey("sources.id"), nullable=False),
    Column("assumption", String(80), ForeignKey("assumptions.id")),
    Column("where", Text),
    Column("where_en", Text),
    Column("note", Text),
    Column("note_en", Text),
    Column("basis", String(20), nullable=False, server_default="level"),
    Column("basis_alternative", String(20)),
    Column("basis_assumption", String(80), ForeignKey("assumptions.id")),
    Column("scope_zh", Text, nullable=False, server_default=""),
    Column("scope_en", Text, nullable=False, server_default=""),
    Column("scope_open", Boolean, nullable=False, server_default=false()),
    Column("signals", Text),
    Column("revision", Integer, nullable=False, server_default="1"),
)

# Where an indicator's series changes vintage or basis (e.g. a revision after an economic census).
series_breaks = Table(
    "series_breaks",
    metadata,
    Column("indicator", String(60), ForeignKey("indicators.id"), primary_key=True),
    Column("institution_type", String(40), ForeignKey("institution_types.id"), primary_key=True),
    Column("period", String(10), primary_key=True),
    Column("note_zh", Text, nullable=False),
    Column("note_en", Text, nullable=False),
    Column("source", String(120), ForeignKey("sources.id"), nullable=False),
)

statements = Table(
    "statements",
    metadata,
    Column("id", String(80), primary_key=True),
    Column("source", String(120), ForeignKey("sources.id"), nullable=False),
    Column("programme", String(60), ForeignKey("programmes.id")),
    Column("institution_type", String(40), ForeignKey("institution_types.id"), nullable=False),
    Column("topic", String(40), nullable=False),
    Column("period", String(10)),
    Column("text_zh", Text, nullable=False),
    Column("text_en", Text, nullable=False),
    Column("where", Text),
    Column("where_en", Text),
)

milestones = Table(
    "milestones",
    metadata,
    Column("id", String(80), primary_key=True),
    Column("programme", String(60), ForeignKey("programmes.id"), nullable=False),
    Column("what_zh", Text, nullable=False),
    Column("what_en", Text, nullable=False),
    Column("institution_type", String(40), ForeignKey("institution_types.id"), nullable=False),
    Column("due", String(10), nullable=False),
    Column("evidence_complete", Boolean, nullable=False, server_default=false()),
    Column("evidence_zh", Text),
    Column("evidence_en", Text),
    Column("evidence_source", String(120), ForeignKey("sources.id")),
    Column("evidence_date", String(10)),
    Column("revision", Integer, nullable=False, server_default="1"),
)

pilots = Table(
    "pilots",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("name_zh", Text, nullable=False),
    Column("name_en", Text, nullable=False),
    Column("province_zh", Text, nullable=False),
    Column("province_en", Text, nullable=False),
    Column("programme", String(60), ForeignKey("programmes.id"), nullable=False),
    Column("approved_since", String(10), nullable=False),
    Column("longitude", Float, nullable=False),
    Column("latitude", Float, nullable=False),
    Column("source", String(120), ForeignKey("sources.id"), nullable=False),
)

# One row: a token made afresh whenever the store's contents are replaced wholesale (seeding, `init --reset`).
# With the latest change's own id it makes the data version the app caches on: it never repeats, across
# resets, restores and backends.
store_generation = Table(
    "store_generation",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token", String(40), nullable=False),
)

# Failed sign-ins, per client and per account from a client, kept in the store so that every app process
# behind a proxy counts the same failures (not curated data: never seeded, never replaced by init).
sign_in_failures = Table(
    "sign_in_failures",
    metadata,
    Column("key", String(300), primary_key=True),  # "client:<address>" or "account:<name>@<address>"
    Column("failures", Integer, nullable=False),  # in a row, since the last success
    Column("not_before", Float, nullable=False),  # seconds since the epoch: no attempt before then
)

# Slide lists people saved for their briefings (not curated data: never seeded, never replaced by init).
slide_lists = Table(
    "slide_lists",
    metadata,
    Column("name", String(80), primary_key=True),
    Column("slide_ids", Text, nullable=False),  # JSON list of slide ids, in order
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# Every change an editor made (imports, single edits, undos): who, when, what, before and after.
# Not curated data: never seeded, never replaced by init.
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("batch", String(40), nullable=False, index=True),  # one import, one edit or one undo
    Column("at", DateTime(timezone=True), nullable=False),
    Column("editor", Text, nullable=False),
    Column("action", String(20), nullable=False),  # add | correct | undo_add | undo_correct
    Column("table_name", String(40), nullable=False),
    Column("record_key", Text, nullable=False),  # JSON of the record's key columns
    Column("before", Text),  # JSON of the record before the change (none for an add)
    Column("after", Text),  # JSON of the record after it (none when an undo removes it)
    Column("summary", Text, nullable=False),  # what the batch was, e.g. the imported file's name
    Column("reverts", String(40)),  # the batch an undo reverts
)

# Tables whose rows editors change, with the columns that identify a row.
EDITABLE_KEYS = {
    "observations": ("indicator", "period", "institution_type", "source"),
    "targets": ("id",),
    "sources": ("id",),
    "milestones": ("id",),
}

# The curated tables in load order (references point backwards), as in dashboard.curated.TABLES.
CURATED = {
    t.name: t
    for t in (
        institution_types,
        assumptions,
        sources,
        programmes,
        indicators,
        observations,
        series_breaks,
        targets,
        statements,
        milestones,
        pilots,
    )
}

# --- The stock-patent inventory (not curated data: never seeded, never replaced by init) ----------------------
# One row per patent, as imported or generated by the demo; vocabularies are checked by dashboard.inventory.
inventory_patents = Table(
    "inventory_patents",
    metadata,
    Column("patent_number", String(40), primary_key=True),
    Column("title", Text, nullable=False),
    Column("institution", Text, nullable=False),
    Column("institution_type", String(40), nullable=False),
    Column("province", String(20), nullable=False),
    Column("ipc_section", String(1), nullable=False),
    Column("ipc_class", String(3), nullable=False),
    Column("application_year", Integer, nullable=False),
    Column("grant_year", Integer, nullable=False),
    Column("patent_type", String(20), nullable=False),
    Column("legal_status", String(20), nullable=False),
    Column("tech_score", Float, nullable=False),
    Column("market_score", Float, nullable=False),
    Column("legal_score", Float, nullable=False),
    Column("grade", String(1), nullable=False),
    Column("disposition", String(20), nullable=False),
    Column("stage", String(20), nullable=False),
    Column("deal_type", String(20)),
    Column("deal_value", Float),  # 万元
    Column("deal_date", String(10)),  # YYYY-MM-DD
)

# Every change to the inventory (an import, the demo, a saved rule set that regraded it), newest last; the
# latest version is the data version the app's engine is loaded for.
inventory_changes = Table(
    "inventory_changes",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(20), nullable=False),  # import, demo, rules
    Column("synthetic", Boolean, nullable=False),  # the inventory after this change is synthetic demo data
    Column("detail", Text, nullable=False),  # JSON: file name, seed, rule set, …
    Column("records", Integer, nullable=False),
    Column("editor", Text),
    Column("changed_at", DateTime(timezone=True), nullable=False),
)

# The assessment rule set in force (JSON, see dashboard.grading), newest last.
inventory_rule_sets = Table(
    "inventory_rule_sets",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=True),
    Column("rules", Text, nullable=False),
    Column("editor", Text),
    Column("saved_at", DateTime(timezone=True), nullable=False),
)

INVENTORY = (inventory_patents, inventory_changes, inventory_rule_sets)
