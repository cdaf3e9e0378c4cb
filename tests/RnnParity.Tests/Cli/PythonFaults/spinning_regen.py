"""Test-only stand-in for python/regen.py: regen() spins in pure Python forever (holding the GIL between switches)."""


def regen(paths, check=False, fixtures_root=None, progress=None):
    n = 0
    while True:
        n += 1
