"""The Streamlit pages, one script each, routed by `matching.ui.app`. A package only so that the import
linter (`lint-imports`) sees the pages' imports too; Streamlit runs the files by path."""
