"""Matching service for Dandong's industrial parks.

`matching.jobfair` and `matching.aid` are the pure optimisation cores; `matching.services` joins
them to stored data; `matching.cli` is the headless entry point (`python -m matching`).
"""

__version__ = "0.1.0"
