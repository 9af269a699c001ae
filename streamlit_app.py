"""Entry script: only routes. `streamlit run streamlit_app.py` (see README)."""

from matching.ui.app import build_navigation

build_navigation().run()
