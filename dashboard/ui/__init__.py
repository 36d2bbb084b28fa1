"""The Streamlit edge, the only package that imports Streamlit (with bench/): cached reads, the sidebar, widgets, panels and the pages."""
