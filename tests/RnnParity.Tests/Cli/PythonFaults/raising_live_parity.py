"""Test-only stand-in for python/live_parity.py: importing it raises, so `rnnparity live` must exit 4."""
raise ValueError("boom at import")
