"""Curated data: the seeds (one YAML file per source), the tables in data/ with their sidecars, `curate` and `check`."""
