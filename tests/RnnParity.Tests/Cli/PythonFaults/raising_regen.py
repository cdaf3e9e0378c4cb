"""Test-only stand-in for python/regen.py: regen() raises, so the CLI must exit 4 with the traceback."""


def _inner(paths):
    raise ValueError("boom")


def regen(paths, check=False, fixtures_root=None, progress=None):
    return _inner(paths)
