"""Keras's reshaping layers (keras/src/layers/reshaping/) in NumPy: Flatten,
Reshape, Permute, RepeatVector, ZeroPadding1D, Cropping1D, UpSampling1D, and ZeroPadding,
Cropping and UpSampling (nearest) 2D/3D on N spatial axes.

Written from Keras's docstrings and compute_output_shape; none of these layers
supports masking in Keras 3.15, so each returns no mask.
"""
import math

import numpy as np

from ._windows import by_transpose


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


def _sides(value, default, axes):
    """ZeroPadding2D/3D's and Cropping2D/3D's option as ((before, after), ...), one pair per spatial axis:
    an int for every side, `axes` ints (symmetric per axis) or `axes` pairs."""
    if value is None:
        value = default
    if isinstance(value, int):
        value = [value] * axes
    if len(value) != axes:
        raise ValueError(f"expected an int, {axes} ints or {axes} pairs, got {value}")
    sides = tuple(_pair(v, 0) for v in value)
    if any(len(p) != 2 or min(p) < 0 for p in sides):
        raise ValueError(f"expected non-negative (before, after) pairs, got {value}")
    return sides


def _zero_padding(axes):
    """ZeroPadding{axes}D: out[a] = in[a] + before + after, np.pad with zeros (Keras's ops.pad)."""
    name, default = f"ZeroPadding{axes}D", 1

    def output_shapes(config, input_shapes):
        sides, s = _sides(config.get("padding"), default, axes), input_shapes[0]
        return [[s[0], *(None if d is None else d + b + a for d, (b, a) in zip(s[1:-1], sides)), s[-1]]]

    def run(config, x):
        return np.pad(x, [(0, 0), *_sides(config.get("padding"), default, axes), (0, 0)])

    return type(name, (_Layer,), dict(output_shapes=staticmethod(output_shapes), run=staticmethod(run)))


def _cropping(axes, default):
    """Cropping{axes}D: out[a] = in[a] - before - after, which must stay positive (Keras's compute_output_shape)."""
    name = f"Cropping{axes}D"

    def output_shapes(config, input_shapes):
        sides, s = _sides(config.get("cropping"), default, axes), input_shapes[0]
        spatial = [None if d is None else d - b - a for d, (b, a) in zip(s[1:-1], sides)]
        if any(d is not None and d <= 0 for d in spatial):
            raise ValueError(f"{name}: cropping {sides} leaves nothing of {s}")
        return [[s[0], *spatial, s[-1]]]

    def run(config, x):
        output_shapes(config, [list(x.shape)])
        sides = _sides(config.get("cropping"), default, axes)
        return np.ascontiguousarray(x[(slice(None), *(slice(b, d - a) for d, (b, a) in zip(x.shape[1:-1], sides)))])

    return type(name, (_Layer,), dict(output_shapes=staticmethod(output_shapes), run=staticmethod(run)))


def _up_sampling(axes):
    """UpSampling{axes}D (nearest): np.repeat on every spatial axis, as Keras's ops.repeat."""
    name = f"UpSampling{axes}D"

    def size(config):
        if (config.get("interpolation") or "nearest").lower() != "nearest":
            raise NotImplementedError(f"{name}: only interpolation='nearest' is supported yet")
        value = config.get("size")
        value = [2] * axes if value is None else [value] * axes if isinstance(value, int) else list(value)
        if len(value) != axes or min(value) <= 0:
            raise ValueError(f"{name}: size must be {axes} positive ints, got {config.get('size')}")
        return value

    def output_shapes(config, input_shapes):
        s = input_shapes[0]
        return [[s[0], *(None if d is None else d * k for d, k in zip(s[1:-1], size(config))), s[-1]]]

    def run(config, x):
        for axis, k in enumerate(size(config), start=1):
            x = np.repeat(x, k, axis=axis)
        return x

    return type(name, (_Layer,), dict(output_shapes=staticmethod(output_shapes), run=staticmethod(run)))


# Keras's defaults: padding 1 for both ranks; cropping 0 for Cropping2D but ((1, 1),) * 3 for Cropping3D.
# channels_first by transposition (the channels_last code on the channel axis moved last), _windows.by_transpose.
ZeroPadding2D, ZeroPadding3D = (by_transpose()(_zero_padding(n)) for n in (2, 3))
Cropping2D, Cropping3D = by_transpose()(_cropping(2, 0)), by_transpose()(_cropping(3, 1))
UpSampling2D, UpSampling3D = (by_transpose()(_up_sampling(n)) for n in (2, 3))


LAYERS = {cls.__name__: cls for cls in
          (Flatten, Reshape, Permute, RepeatVector, ZeroPadding1D, Cropping1D, UpSampling1D,
           ZeroPadding2D, Cropping2D, UpSampling2D, ZeroPadding3D, Cropping3D, UpSampling3D)}
