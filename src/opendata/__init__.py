"""opendata: publish and validate a Ukrainian city council's open data."""

__version__ = "0.1.0"
