"""The patent-level stock-patent inventory: records and import checks, grading rules, storage, the polars engine, charts, tables and the demo."""
