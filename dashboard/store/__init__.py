"""The store: one SQLAlchemy interface over the embedded SQLite file and a shared PostgreSQL server, its schema and migrations."""
