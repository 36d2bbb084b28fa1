"""Larger pieces that more than one page (or one page in several places) lays out: the Data page's import preview, forms and history; the inventory's import, demo, notices and rule trial."""
