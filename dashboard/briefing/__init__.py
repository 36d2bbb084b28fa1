"""Briefings: the slide model, the slide builders, and the deck (pptx) and handout (pdf) writers."""
