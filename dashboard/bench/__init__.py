"""`python -m dashboard bench`: measurements of the deck's images and the Inventory page, with the naive peer. Not on the app's runtime path."""
