"""The one layer that joins stored data to the pure cores; the CLI and the Streamlit pages call it."""
