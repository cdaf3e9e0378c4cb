from keras import Sequential  # noqa: F401 - the replay model counts as sequential-like
