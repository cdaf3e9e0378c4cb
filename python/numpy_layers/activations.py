"""Keras's activation functions by name and its activation layers
(keras/src/activations/activations.py, keras/src/layers/activations/), in NumPy.

Written from the formulas in Keras's docstrings and its numpy backend
(keras/src/backend/numpy/nn.py), computing in the input's dtype; never calls
Keras. Every activation layer passes the mask on (supports_masking=True).
"""
import math

import numpy as np

_erf = np.vectorize(math.erf, otypes=[np.float64])


def _f(x, value):
    """A Python number as a scalar of x's dtype, so float32 stays float32."""
    return np.asarray(value, dtype=x.dtype)


def _sigmoid(x):
    return _f(x, 1.0) / (_f(x, 1.0) + np.exp(-x))


def _softplus(x):
    return np.logaddexp(x, _f(x, 0.0))


def _elu(x, alpha=1.0):
    return np.where(x >= 0, x, _f(x, alpha) * np.expm1(x)).astype(x.dtype)


def _hard_sigmoid(x):
    return np.clip(x / _f(x, 6.0) + _f(x, 0.5), _f(x, 0.0), _f(x, 1.0))


def _softmax(x, axis=-1):
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def _log_softmax(x, axis=-1):
    m = np.max(x, axis=axis, keepdims=True)
    return x - m - np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True))


def relu(x, negative_slope=0.0, max_value=None, threshold=0.0):
    """Keras's ReLU.static_call: threshold, clip to max_value, then minus slope * relu(threshold - x)."""
    if negative_slope != 0 and max_value is None and threshold == 0:
        return np.maximum(x, _f(x, negative_slope) * x)
    y = np.where(x > _f(x, threshold), x, _f(x, 0.0)) if threshold != 0 else np.maximum(x, _f(x, 0.0))
    if max_value is not None:
        y = np.clip(y, _f(x, 0.0), _f(x, max_value))
    if negative_slope != 0:
        y = y - _f(x, negative_slope) * np.maximum(-x + _f(x, threshold), _f(x, 0.0))
    return y.astype(x.dtype)


def gelu(x, approximate=False):
    if approximate:
        c = _f(x, math.sqrt(2 / math.pi))
        return x * (_f(x, 0.5) * (_f(x, 1.0) + np.tanh(c * (x + _f(x, 0.044715) * x ** 3))))
    return (x * (_erf(x / _f(x, math.sqrt(2))).astype(x.dtype) + _f(x, 1.0)) / _f(x, 2.0)).astype(x.dtype)


def sparsemax(x, axis=-1):
    """As Keras 3.15 computes it: tau sums the cumulative sums over the support
    (keras-team/keras#23425; the paper uses the k-th cumulative sum only)."""
    z = -np.sort(-x, axis=axis)
    c = np.cumsum(z, axis=axis)
    shape = [1] * x.ndim
    shape[axis] = -1
    r = np.arange(1, x.shape[axis] + 1).reshape(shape)
    support = z - (c - 1) / r > 0
    k = np.sum(support, axis=axis, keepdims=True)
    tau = (np.sum(np.where(support, c, 0), axis=axis, keepdims=True) - 1) / k
    return np.maximum(x - tau, 0).astype(x.dtype)


def glu(x, axis=-1):
    if x.shape[axis] % 2:
        raise ValueError(f"glu: axis size must be divisible by 2, got shape {x.shape}")
    a, b = np.split(x, 2, axis)
    return (a * _sigmoid(b)).astype(x.dtype)


ACTIVATIONS = {
    "linear": lambda x: x,
    "tanh": np.tanh,
    "sigmoid": _sigmoid,
    "hard_sigmoid": _hard_sigmoid,
    "relu": relu,
    "relu6": lambda x: np.minimum(np.maximum(x, _f(x, 0.0)), _f(x, 6.0)),
    "leaky_relu": lambda x: np.maximum(x, _f(x, 0.2) * x),
    "elu": _elu,
    "selu": lambda x: _f(x, 1.0507009873554804934193349852946) * _elu(x, 1.6732632423543772848170429916717),
    "celu": lambda x: np.maximum(x, _f(x, 0.0)) + np.expm1(np.minimum(x, _f(x, 0.0))),
    "softplus": _softplus,
    "softsign": lambda x: x / (_f(x, 1.0) + np.abs(x)),
    "silu": lambda x: x * _sigmoid(x),
    "swish": lambda x: x * _sigmoid(x),
    "hard_silu": lambda x: x * _hard_sigmoid(x),
    "hard_swish": lambda x: x * _hard_sigmoid(x),
    "hard_tanh": lambda x: np.clip(x, _f(x, -1.0), _f(x, 1.0)),
    "tanh_shrink": lambda x: x - np.tanh(x),
    "exponential": np.exp,
    "log_sigmoid": lambda x: -_softplus(-x),
    "mish": lambda x: x * np.tanh(_softplus(x)),
    "sparse_sigmoid": lambda x: np.clip(_f(x, 0.5) * (x + _f(x, 1.0)), _f(x, 0.0), _f(x, 1.0)),
    "softmax": _softmax,
    "log_softmax": _log_softmax,
    "gelu": gelu,
    "hard_shrink": lambda x: np.where(np.abs(x) > _f(x, 0.5), x, _f(x, 0.0)),
    "soft_shrink": lambda x: np.where(x > _f(x, 0.5), x - _f(x, 0.5),
                                      np.where(x < _f(x, -0.5), x + _f(x, 0.5), _f(x, 0.0))),
    "sparse_plus": lambda x: np.where(x <= -1, _f(x, 0.0),
                                      np.where(x < 1, _f(x, 0.25) * (x + _f(x, 1.0)) ** 2, x)),
    "squareplus": lambda x: (x + np.sqrt(x * x + _f(x, 4.0))) / _f(x, 2.0),
    "sparsemax": sparsemax,
    "glu": glu,
}


def get(name):
    """The activation Keras finds by `name` (None is linear). 'threshold' has
    no defaults for its two arguments, so Keras cannot call it by name."""
    if name is None:
        return ACTIVATIONS["linear"]
    if name not in ACTIVATIONS:
        raise ValueError(f"activation {name!r} is not available by name")
    return ACTIVATIONS[name]


def _same_shape(config, input_shapes):
    return [list(input_shapes[0])]


def _no_weights(config, input_shapes):
    return []


class _Elementwise:
    """A layer applying fn(config)(x); shape and mask pass through."""

    def __init__(self, fn):
        self._fn = fn
        self.weight_shapes = _no_weights
        self.output_shapes = _same_shape

    def call(self, config, weights, inputs, masks):
        x = inputs[0]
        return [self._fn(config, x).astype(x.dtype)], [masks[0] if masks else None]


def _activation(config, x):
    name = config.get("activation")
    if name == "glu":
        raise ValueError("Activation('glu'): Keras reports the unhalved shape; refused as in C#")
    return get(name)(x)


def _leaky_slope(config):
    if "negative_slope" in config:
        return config["negative_slope"]
    return config.get("alpha", 0.3)


class _PReLU:
    @staticmethod
    def weight_shapes(config, input_shapes):
        shape = list(input_shapes[0][1:])
        for axis in _shared_axes(config):
            shape[axis - 1] = 1
        return [("alpha", tuple(shape))]

    output_shapes = staticmethod(_same_shape)

    @staticmethod
    def call(config, weights, inputs, masks):
        x, alpha = inputs[0], weights[0]
        pos = np.maximum(x, _f(x, 0.0))
        neg = -alpha * np.maximum(-x, _f(x, 0.0))
        return [(pos + neg).astype(x.dtype)], [masks[0] if masks else None]


def _shared_axes(config):
    axes = config.get("shared_axes")
    if axes is None:
        return []
    return list(axes) if isinstance(axes, (list, tuple)) else [axes]


class _Softmax:
    weight_shapes = staticmethod(_no_weights)
    output_shapes = staticmethod(_same_shape)

    @staticmethod
    def call(config, weights, inputs, masks):
        x = inputs[0]
        mask = masks[0] if masks else None
        axis = config.get("axis", -1)
        if mask is not None:
            # numpy broadcasting aligns the (batch, timesteps) mask with the last axes, as Keras does.
            x = np.where(mask, x, _f(x, -1e9))
        if isinstance(axis, (list, tuple)) and len(axis) > 1:
            # Keras's several-axes path: exp(x - logsumexp(x, axes)).
            axes = tuple(axis)
            m = np.max(x, axis=axes, keepdims=True)
            y = np.exp(x - (np.log(np.sum(np.exp(x - m), axis=axes, keepdims=True)) + m))
        else:
            y = _softmax(x, axis[0] if isinstance(axis, (list, tuple)) else axis)
        if mask is not None:
            y = np.where(mask, y, _f(x, 0.0))
        return [y.astype(inputs[0].dtype)], [mask]


LAYERS = {
    "Activation": _Elementwise(_activation),
    "ReLU": _Elementwise(lambda c, x: relu(x, c.get("negative_slope", 0.0), c.get("max_value"), c.get("threshold", 0.0))),
    "LeakyReLU": _Elementwise(lambda c, x: np.maximum(x, _f(x, _leaky_slope(c)) * x)),
    "ELU": _Elementwise(lambda c, x: _elu(x, c.get("alpha", 1.0))),
    "PReLU": _PReLU,
    "Softmax": _Softmax,
}
