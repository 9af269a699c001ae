"""The Streamlit front end: the router in `app.py`, thin page scripts in `pages/`."""
