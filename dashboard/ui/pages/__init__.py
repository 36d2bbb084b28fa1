"""The dashboard's pages: each reads the view, calls the core and lays out the result."""
