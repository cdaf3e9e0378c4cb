"""Keras's 1-D, 2-D and 3-D pooling layers in NumPy (keras/src/layers/pooling/).

MaxPooling1D / AveragePooling1D: windows of pool_size steps every strides
(default pool_size) steps; 'same' pads as XLA does, the padding never taking
part (max over the real positions; average divided by their count).
GlobalAveragePooling1D: the mean over the kept steps (sum of x*mask / sum of
mask), no mask out. GlobalMaxPooling1D: the max over every step, the mask
ignored and dropped (Keras 3.15 does not support masking there).
No pooling layer passes a mask on.
"""
import numpy as np

from . import _windows as w


class _Pooling1D:
    reduce = None

    @classmethod
    def _options(cls, config):
        pool = w.one(config.get("pool_size", 2), "pool_size")
        strides = config.get("strides")
        return pool, pool if strides is None else w.one(strides, "strides"), (config.get("padding") or "valid").lower()

    @classmethod
    def weight_shapes(cls, config, input_shapes):
        return []

    @classmethod
    def output_shapes(cls, config, input_shapes):
        pool, s, padding = cls._options(config)
        shape = list(input_shapes[0])
        axis = 2 if w.channels_first(config) else 1
        shape[axis] = w.out_length(shape[axis], pool, s, padding)
        return [shape]

    @classmethod
    def call(cls, config, weights, inputs, masks):
        pool, s, padding = cls._options(config)
        x = inputs[0]
        if w.channels_first(config):
            x = np.swapaxes(x, 1, 2)
        length = x.shape[1]
        before, _ = w.pads(length, pool, s, padding)
        out = w.out_length(length, pool, s, padding)
        y = np.empty((x.shape[0], out, x.shape[2]), x.dtype)
        for t in range(out):
            lo, hi = max(t * s - before, 0), min(t * s - before + pool, length)
            y[:, t, :] = cls.reduce(x[:, lo:hi, :])
        if w.channels_first(config):
            y = np.swapaxes(y, 1, 2)
        return [np.ascontiguousarray(y)], [None]


class MaxPooling1D(_Pooling1D):
    @staticmethod
    def reduce(window):
        return window.max(axis=1)


class AveragePooling1D(_Pooling1D):
    @staticmethod
    def reduce(window):
        return window.sum(axis=1) / np.array(window.shape[1], window.dtype)


class _Global1D:
    @staticmethod
    def weight_shapes(config, input_shapes):
        return []

    @staticmethod
    def output_shapes(config, input_shapes):
        shape = input_shapes[0]
        channels = shape[1] if w.channels_first(config) else shape[2]
        if not config.get("keepdims", False):
            return [[shape[0], channels]]
        return [[shape[0], channels, 1] if w.channels_first(config) else [shape[0], 1, channels]]

    @classmethod
    def call(cls, config, weights, inputs, masks):
        x = inputs[0]
        axis = 2 if w.channels_first(config) else 1
        y = cls.reduce(x, masks[0] if masks else None, axis)
        if config.get("keepdims", False):
            y = np.expand_dims(y, axis)
        return [y], [None]


class GlobalMaxPooling1D(_Global1D):
    @staticmethod
    def reduce(x, mask, axis):
        return x.max(axis=axis)


class GlobalAveragePooling1D(_Global1D):
    @staticmethod
    def reduce(x, mask, axis):
        if mask is None:
            return x.mean(axis=axis)
        m = np.expand_dims(np.asarray(mask, bool), 2 if axis == 1 else 1)
        with np.errstate(invalid="ignore", divide="ignore"):
            return (np.where(m, x, 0).sum(axis=axis) / m.astype(x.dtype).sum(axis=axis)).astype(x.dtype)


@w.by_transpose()
class _PoolingND:
    """MaxPooling2D/3D, AveragePooling2D/3D (channels_first by transposition): windows of pool_size every strides
    (default pool_size) per axis; 'same' pads as XLA per axis, the padding taking no part."""
    rank = None
    reduce = None

    @classmethod
    def _options(cls, config):
        pool = w.many(config.get("pool_size", 2), cls.rank, "pool_size")
        strides = config.get("strides")
        return pool, pool if strides is None else w.many(strides, cls.rank, "strides"), \
            (config.get("padding") or "valid").lower()

    @classmethod
    def weight_shapes(cls, config, input_shapes):
        return []

    @classmethod
    def output_shapes(cls, config, input_shapes):
        pool, s, padding = cls._options(config)
        shape = list(input_shapes[0])
        for a in range(cls.rank):
            shape[1 + a] = w.out_length(shape[1 + a], pool[a], s[a], padding)
        return [shape]

    @classmethod
    def call(cls, config, weights, inputs, masks):
        pool, s, padding = cls._options(config)
        x = inputs[0]
        size = x.shape[1:-1]
        out = [w.out_length(size[a], pool[a], s[a], padding) for a in range(cls.rank)]
        before = [w.pads(size[a], pool[a], s[a], padding)[0] for a in range(cls.rank)]
        y = np.empty((x.shape[0], *out, x.shape[-1]), x.dtype)
        for o in np.ndindex(*out):
            window = tuple(slice(max(o[a] * s[a] - before[a], 0), min(o[a] * s[a] - before[a] + pool[a], size[a]))
                           for a in range(cls.rank))
            y[(slice(None), *o)] = cls.reduce(x[(slice(None), *window)].reshape(x.shape[0], -1, x.shape[-1]))
        return [y], [None]


class MaxPooling2D(_PoolingND):
    rank = 2
    reduce = staticmethod(lambda window: window.max(axis=1))


class AveragePooling2D(_PoolingND):
    rank = 2
    reduce = staticmethod(lambda window: window.sum(axis=1) / np.array(window.shape[1], window.dtype))


class MaxPooling3D(MaxPooling2D):
    rank = 3


class AveragePooling3D(AveragePooling2D):
    rank = 3


@w.by_transpose()
class _GlobalND:
    """GlobalMax/AveragePooling2D/3D (channels_first by transposition): every spatial axis reduced; no mask in or out."""
    rank = None
    reduce = None

    @classmethod
    def weight_shapes(cls, config, input_shapes):
        return []

    @classmethod
    def output_shapes(cls, config, input_shapes):
        shape = input_shapes[0]
        if config.get("keepdims", False):
            return [[shape[0], *([1] * cls.rank), shape[-1]]]
        return [[shape[0], shape[-1]]]

    @classmethod
    def call(cls, config, weights, inputs, masks):
        x = inputs[0]
        axes = tuple(range(1, 1 + cls.rank))
        return [cls.reduce(x, axes, bool(config.get("keepdims", False))).astype(x.dtype)], [None]


class GlobalMaxPooling2D(_GlobalND):
    rank = 2
    reduce = staticmethod(lambda x, axes, keepdims: x.max(axis=axes, keepdims=keepdims))


class GlobalAveragePooling2D(_GlobalND):
    rank = 2
    reduce = staticmethod(lambda x, axes, keepdims: x.mean(axis=axes, keepdims=keepdims))


class GlobalMaxPooling3D(GlobalMaxPooling2D):
    rank = 3


class GlobalAveragePooling3D(GlobalAveragePooling2D):
    rank = 3


LAYERS = {
    "MaxPooling1D": MaxPooling1D, "MaxPool1D": MaxPooling1D,
    "AveragePooling1D": AveragePooling1D, "AvgPool1D": AveragePooling1D,
    "GlobalMaxPooling1D": GlobalMaxPooling1D, "GlobalMaxPool1D": GlobalMaxPooling1D,
    "GlobalAveragePooling1D": GlobalAveragePooling1D, "GlobalAvgPool1D": GlobalAveragePooling1D,
}
for _cls in (MaxPooling2D, AveragePooling2D, MaxPooling3D, AveragePooling3D, GlobalMaxPooling2D, GlobalAveragePooling2D,
             GlobalMaxPooling3D, GlobalAveragePooling3D):
    LAYERS[_cls.__name__] = _cls
    LAYERS[_cls.__name__.replace("Pooling", "Pool").replace("Average", "Avg")] = _cls
