"""`python -m dashboard`: the command-line interface, one module per command group."""
