"""Plotly figures shared by the pages and the deck, their house style, and chart images (PNG/SVG) through kaleido."""
