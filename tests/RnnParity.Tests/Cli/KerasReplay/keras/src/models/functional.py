class Functional:  # noqa: D101 - stand-in: no replayed model is Functional
    pass
