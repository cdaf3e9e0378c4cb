"""Keras's merging layers in NumPy (keras/src/layers/merging/).

Element-wise merges broadcast as NumPy does after giving lower-rank inputs
axes of size 1 right after the batch axis. Masks (batch, steps):
  * Add, Subtract, Average: values ignore masks;
  * Multiply: a masked position counts as 1; with every input masked, a
    position masked everywhere is 0;
  * Maximum, Minimum: folded left to right, a masked operand replaced by the
    other operand, so masked values never win;
  * output mask: OR of the masks when every input has one, else None.
Concatenate: the mask is each input's mask spread over its features (all True
when unmasked), concatenated on the axis, any() over the last axis.
Dot: batch_dot over the given axes, optional L2 normalisation along them (a
zero norm divides by 1); no mask.
"""
from functools import reduce

import numpy as np


def _aligned(inputs):
    rank = max(x.ndim for x in inputs)
    return [x.reshape((x.shape[0],) + (1,) * (rank - x.ndim) + x.shape[1:]) for x in inputs]


def _or_mask(masks):
    if any(m is None for m in masks):
        return None
    return reduce(np.logical_or, [np.asarray(m, bool) for m in masks])


class _Merge:
    @staticmethod
    def weight_shapes(config, input_shapes):
        return []

    @staticmethod
    def output_shapes(config, input_shapes):
        rank = max(len(s) for s in input_shapes)
        dims = [list(s[1:]) for s in input_shapes]
        dims = [[1] * (rank - 1 - len(d)) + d for d in dims]
        out = []
        for column in zip(*dims):
            if any(c is None for c in column):
                out.append(None)
            else:
                out.append(max(column))
        batch = next((s[0] for s in input_shapes if s[0] is not None), None)
        return [[batch] + out]

    @classmethod
    def call(cls, config, weights, inputs, masks):
        masks = list(masks) if masks else [None] * len(inputs)
        same_rank = len({x.ndim for x in inputs}) == 1
        xs = _aligned(inputs)
        shape = np.broadcast_shapes(*[x.shape for x in xs])
        xs = [np.broadcast_to(x, shape) for x in xs]
        value_masks = [None if (m is None or not same_rank) else np.broadcast_to(np.asarray(m, bool)[..., None], shape)
                       for m in masks]
        y = cls.combine(xs, value_masks)
        return [np.ascontiguousarray(y.astype(inputs[0].dtype))], [_or_mask(masks)]


class Add(_Merge):
    @staticmethod
    def combine(xs, masks):
        return reduce(np.add, xs)


class Subtract(_Merge):
    @staticmethod
    def combine(xs, masks):
        if len(xs) != 2:
            raise ValueError("Subtract takes exactly 2 inputs")
        return xs[0] - xs[1]


class Average(_Merge):
    @staticmethod
    def combine(xs, masks):
        return reduce(np.add, xs) / np.array(len(xs), xs[0].dtype)


class Multiply(_Merge):
    @staticmethod
    def combine(xs, masks):
        ys = [x if m is None else np.where(m, x, np.array(1, x.dtype)) for x, m in zip(xs, masks)]
        y = reduce(np.multiply, ys)
        if all(m is not None for m in masks):
            y = np.where(reduce(np.logical_or, masks), y, np.array(0, y.dtype))
        return y


class _Fold(_Merge):
    op = None

    @classmethod
    def combine(cls, xs, masks):
        out, out_mask = xs[0], masks[0]
        for x, m in zip(xs[1:], masks[1:]):
            if m is not None:
                x = np.where(m, x, out)
            if out_mask is not None:
                out = np.where(out_mask, out, x)
            out_mask = np.logical_or(out_mask, m) if (m is not None and out_mask is not None) else None
            out = cls.op(out, x)
        return out


class Maximum(_Fold):
    op = staticmethod(np.maximum)


class Minimum(_Fold):
    op = staticmethod(np.minimum)


class Concatenate:
    @staticmethod
    def weight_shapes(config, input_shapes):
        return []

    @staticmethod
    def output_shapes(config, input_shapes):
        axis = config.get("axis", -1)
        out = list(input_shapes[0])
        sizes = [s[axis] for s in input_shapes]
        out[axis] = None if any(v is None for v in sizes) else sum(sizes)
        return [out]

    @staticmethod
    def call(config, weights, inputs, masks):
        axis = config.get("axis", -1)
        y = np.concatenate(inputs, axis=axis)
        masks = list(masks) if masks else [None] * len(inputs)
        if all(m is None for m in masks):
            return [y], [None]
        spread = [np.ones(x.shape, bool) if m is None else np.broadcast_to(np.asarray(m, bool)[..., None], x.shape)
                  for x, m in zip(inputs, masks)]
        return [y], [np.concatenate(spread, axis=axis).any(axis=-1)]


def _l2_normalize(x, axis):
    norm = np.sqrt(np.sum(np.square(x.astype(np.float64)), axis=axis, keepdims=True)).astype(x.dtype)
    return x / np.where(norm == 0, np.array(1, x.dtype), norm)


class Dot:
    @staticmethod
    def _axes(config, ranks):
        axes = config["axes"]
        if isinstance(axes, int):
            axes = [axes, axes]
        return [a % r if a < 0 else a for a, r in zip(axes, ranks)]

    @staticmethod
    def weight_shapes(config, input_shapes):
        return []

    @staticmethod
    def output_shapes(config, input_shapes):
        a, b = (list(s) for s in input_shapes)
        ax, ay = Dot._axes(config, [len(a), len(b)])
        out = [d for i, d in enumerate(a) if i != ax] + [d for i, d in enumerate(b) if i not in (0, ay)]
        return [out + [1] if len(out) == 1 else out]

    @staticmethod
    def call(config, weights, inputs, masks):
        x, y = inputs
        ax, ay = Dot._axes(config, [x.ndim, y.ndim])
        if config.get("normalize", False):
            x, y = _l2_normalize(x, ax), _l2_normalize(y, ay)
        # Per sample: contract x's axis ax with y's axis ay; x's other axes, then y's.
        out = np.stack([np.tensordot(x[n], y[n], axes=(ax - 1, ay - 1)) for n in range(x.shape[0])])
        if out.ndim == 1:
            out = out[:, None]
        return [np.ascontiguousarray(out.astype(x.dtype))], [None]


LAYERS = {
    "Add": Add, "Subtract": Subtract, "Average": Average, "Multiply": Multiply,
    "Maximum": Maximum, "Minimum": Minimum, "Concatenate": Concatenate, "Dot": Dot,
}
