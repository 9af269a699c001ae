"""Entry script: only routes. `streamlit run streamlit_app.py` (see README)."""

from matching.ui.app import build_navigation
from matching.ui.errors import run_guarded

run_guarded(lambda: build_navigation().run())
