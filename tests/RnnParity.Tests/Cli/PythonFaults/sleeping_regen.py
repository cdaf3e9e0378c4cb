"""Test-only stand-in for python/regen.py: regen() sleeps for an hour (releasing the GIL)."""
import time


def regen(paths, check=False, fixtures_root=None, progress=None):
    time.sleep(3600)
