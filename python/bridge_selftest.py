"""Tiny functions the C# bridge tests call (tests/RnnParity.Tests/Python). Not reference math."""
import numpy as np


def echo(x):
    return x


def fail():
    raise ValueError("boom")


def arange_f32(n):
    """0, 1, ..., n-1 as float32: a numpy array produced on the Python side."""
    return np.arange(n, dtype=np.float32)


def total(arr):
    """Sum in float64, returned as a numpy scalar (exercises .item())."""
    return np.asarray(arr, dtype=np.float64).sum()


def describe(arr, scale=1.0):
    """dtype, shape and a scaled copy, to check keyword arguments and non-float32 inputs."""
    a = np.asarray(arr)
    return a.dtype.str, tuple(a.shape), (a * scale).astype(np.float32)
