"""Keras's reshaping layers (keras/src/layers/reshaping/) in NumPy: Flatten,
Reshape, Permute, RepeatVector, ZeroPadding1D, Cropping1D, UpSampling1D, ZeroPadding2D,
Cropping2D, UpSampling2D (nearest).

Written from Keras's docstrings and compute_output_shape; none of these layers
supports masking in Keras 3.15, so each returns no mask.
"""
import math

import numpy as np


def _no_weights(config, input_shapes):
    return []


def _pair(value, default):
    if value is None:
        value = default
    return (value, value) if isinstance(value, int) else tuple(value)


def _channels_first(config):
    return (config.get("data_format") or "channels_last") == "channels_first"


class _Layer:
    weight_shapes = staticmethod(_no_weights)

    @classmethod
    def call(cls, config, weights, inputs, masks):
        return [cls.run(config, inputs[0])], [None]


class Flatten(_Layer):
    @staticmethod
    def output_shapes(config, input_shapes):
        s = input_shapes[0]
        rest = s[1:]
        flat = None if any(d is None for d in rest) else math.prod(rest)
        return [[s[0], flat]]

    @staticmethod
    def run(config, x):
        if _channels_first(config) and x.ndim > 2:
            x = np.transpose(x, (0, *range(2, x.ndim), 1))
        return x.reshape(x.shape[0], -1) if x.ndim > 1 else x.reshape(x.shape[0], 1)


def _resolve(target, rest):
    target = list(target)
    if None in rest:
        return [None if d == -1 else d for d in target]
    size = math.prod(rest)
    if -1 in target:
        known = math.prod(d for d in target if d != -1)
        if known == 0 or size % known:
            raise ValueError(f"cannot reshape {rest} to {target}")
        target[target.index(-1)] = size // known
    if math.prod(target) != size:
        raise ValueError(f"cannot reshape {rest} to {target}")
    return target


class Reshape(_Layer):
    @staticmethod
    def output_shapes(config, input_shapes):
        s = input_shapes[0]
        return [[s[0], *_resolve(config["target_shape"], list(s[1:]))]]

    @staticmethod
    def run(config, x):
        return x.reshape((x.shape[0], *_resolve(config["target_shape"], list(x.shape[1:]))))


class Permute(_Layer):
    @staticmethod
    def output_shapes(config, input_shapes):
        s = input_shapes[0]
        return [[s[0], *(s[d] for d in config["dims"])]]

    @staticmethod
    def run(config, x):
        return np.ascontiguousarray(np.transpose(x, (0, *config["dims"])))


class RepeatVector(_Layer):
    @staticmethod
    def output_shapes(config, input_shapes):
        s = input_shapes[0]
        return [[s[0], config["n"], s[1]]]

    @staticmethod
    def run(config, x):
        return np.repeat(x[:, np.newaxis, :], config["n"], axis=1)


class ZeroPadding1D(_Layer):
    @staticmethod
    def output_shapes(config, input_shapes):
        out = list(input_shapes[0])
        axis = 2 if _channels_first(config) else 1
        left, right = _pair(config.get("padding"), 1)
        if out[axis] is not None:
            out[axis] += left + right
        return [out]

    @staticmethod
    def run(config, x):
        pad = [(0, 0), (0, 0), (0, 0)]
        pad[2 if _channels_first(config) else 1] = _pair(config.get("padding"), 1)
        return np.pad(x, pad)


class Cropping1D(_Layer):
    @staticmethod
    def output_shapes(config, input_shapes):
        s = input_shapes[0]
        start, end = _pair(config.get("cropping"), 1)
        length = None if s[1] is None else s[1] - start - end
        if length is not None and length <= 0:
            raise ValueError(f"cropping {start, end} leaves nothing of {s}")
        return [[s[0], length, s[2]]]

    @staticmethod
    def run(config, x):
        start, end = _pair(config.get("cropping"), 1)
        if start + end >= x.shape[1]:
            raise ValueError(f"cropping {start, end} leaves nothing of {x.shape}")
        return x[:, start:x.shape[1] - end, :]


class UpSampling1D(_Layer):
    @staticmethod
    def output_shapes(config, input_shapes):
        s = input_shapes[0]
        size = config.get("size", 2)
        return [[s[0], None if s[1] is None else s[1] * size, s[2]]]

    @staticmethod
    def run(config, x):
        return np.repeat(x, config.get("size", 2), axis=1)


def _sides(value, default):
    """ZeroPadding2D/Cropping2D's option as ((top, bottom), (left, right))."""
    if value is None:
        value = default
    if isinstance(value, int):
        return (value, value), (value, value)
    return tuple(_pair(v, 0) for v in value)


def _refuse_channels_first(config, name):
    if _channels_first(config):
        raise NotImplementedError(f"{name}: data_format='channels_first' is not supported yet")


class ZeroPadding2D(_Layer):
    @staticmethod
    def output_shapes(config, input_shapes):
        _refuse_channels_first(config, "ZeroPadding2D")
        (t, b), (l, r) = _sides(config.get("padding"), 1)
        s = input_shapes[0]
        return [[s[0], None if s[1] is None else s[1] + t + b, None if s[2] is None else s[2] + l + r, s[3]]]

    @staticmethod
    def run(config, x):
        _refuse_channels_first(config, "ZeroPadding2D")
        return np.pad(x, [(0, 0), *_sides(config.get("padding"), 1), (0, 0)])


class Cropping2D(_Layer):
    @staticmethod
    def output_shapes(config, input_shapes):
        _refuse_channels_first(config, "Cropping2D")
        (t, b), (l, r) = _sides(config.get("cropping"), 0)
        s = input_shapes[0]
        rows, cols = (None if s[1] is None else s[1] - t - b), (None if s[2] is None else s[2] - l - r)
        if (rows is not None and rows <= 0) or (cols is not None and cols <= 0):
            raise ValueError(f"cropping {(t, b), (l, r)} leaves nothing of {s}")
        return [[s[0], rows, cols, s[3]]]

    @staticmethod
    def run(config, x):
        (t, b), (l, r) = _sides(config.get("cropping"), 0)
        return np.ascontiguousarray(x[:, t:x.shape[1] - b, l:x.shape[2] - r, :])


class UpSampling2D(_Layer):
    @staticmethod
    def _size(config):
        _refuse_channels_first(config, "UpSampling2D")
        if (config.get("interpolation") or "nearest").lower() != "nearest":
            raise NotImplementedError("UpSampling2D: only interpolation='nearest' is supported yet")
        return _pair(config.get("size"), 2)

    @staticmethod
    def output_shapes(config, input_shapes):
        h, w = UpSampling2D._size(config)
        s = input_shapes[0]
        return [[s[0], None if s[1] is None else s[1] * h, None if s[2] is None else s[2] * w, s[3]]]

    @staticmethod
    def run(config, x):
        h, w = UpSampling2D._size(config)
        return np.repeat(np.repeat(x, h, axis=1), w, axis=2)


LAYERS = {cls.__name__: cls for cls in
          (Flatten, Reshape, Permute, RepeatVector, ZeroPadding1D, Cropping1D, UpSampling1D,
           ZeroPadding2D, Cropping2D, UpSampling2D)}
