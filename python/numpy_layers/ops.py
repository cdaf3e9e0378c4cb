"""NumPy versions of the Keras 3 operations a functional graph records
(keras/src/ops/numpy.py, keras/src/ops/core.py): element-wise binary operations
with NumPy broadcasting, comparisons and logical operations (booleans as
float32 0/1, as the C# side carries them), reductions over `axis` with
`keepdims`, and Cast.

Keys carry the prefix "ops." (the C# LayerFactory.OpsPrefix): the operation
`Add` and the merging layer `Add` share a class name. A call's inputs may
include scalar constants recorded in the node (`NotEqual(x, 0.0)`).
Operations read no masks and pass none on.
"""
import json

import numpy as np

from ._specs import ShapePreserving, Weightless

PREFIX = "ops."


def _as_float(x):
    return np.asarray(x).astype(np.float32)


class _Binary(Weightless):
    def __init__(self, fn, boolean=False):
        self.fn = fn
        self.boolean = boolean

    def output_shapes(self, config, input_shapes):
        a, b = input_shapes
        rank = max(len(a), len(b))
        a = [1] * (rank - len(a)) + list(a)
        b = [1] * (rank - len(b)) + list(b)
        out = []
        for x, y in zip(a, b):
            if x == 1:
                out.append(y)
            elif x is None:
                out.append(None if y == 1 else y)
            elif y in (1, None, x):
                out.append(x)
            else:
                raise ValueError(f"cannot broadcast {input_shapes}")
        return [out]

    def call(self, config, weights, inputs, masks):
        x1, x2 = (np.asarray(v, dtype=np.float32) for v in inputs)
        return [_as_float(self.fn(x1, x2))], [None]


class _Reduction(Weightless):
    def __init__(self, fn):
        self.fn = fn

    @staticmethod
    def _axis(config, rank):
        axis = config.get("axis")
        if axis is None:
            return tuple(range(rank))
        if isinstance(axis, int):
            axis = [axis]
        return tuple(a % rank for a in axis)

    def output_shapes(self, config, input_shapes):
        shape = list(input_shapes[0])
        axes = self._axis(config, len(shape))
        if config.get("keepdims", False):
            return [[1 if i in axes else d for i, d in enumerate(shape)]]
        return [[d for i, d in enumerate(shape) if i not in axes]]

    def call(self, config, weights, inputs, masks):
        x = np.asarray(inputs[0], dtype=np.float32)
        axes = self._axis(config, x.ndim)
        y = self.fn(x, axis=axes, keepdims=bool(config.get("keepdims", False)))
        return [_as_float(y)], [None]


class _Cast(ShapePreserving):
    @staticmethod
    def call(config, weights, inputs, masks):
        x = np.asarray(inputs[0], dtype=np.float32)
        return [_as_float(x.astype(config["dtype"]))], [None]


class _LogicalNot(ShapePreserving):
    @staticmethod
    def call(config, weights, inputs, masks):
        return [_as_float(np.logical_not(np.asarray(inputs[0])))], [None]


LAYERS = {PREFIX + name: spec for name, spec in {
    "Add": _Binary(np.add),
    "Subtract": _Binary(np.subtract),
    "Multiply": _Binary(np.multiply),
    "Divide": _Binary(np.divide),
    "Maximum": _Binary(np.maximum),
    "Minimum": _Binary(np.minimum),
    "Equal": _Binary(np.equal, True),
    "NotEqual": _Binary(np.not_equal, True),
    "Greater": _Binary(np.greater, True),
    "GreaterEqual": _Binary(np.greater_equal, True),
    "Less": _Binary(np.less, True),
    "LessEqual": _Binary(np.less_equal, True),
    "LogicalAnd": _Binary(np.logical_and, True),
    "LogicalOr": _Binary(np.logical_or, True),
    "LogicalNot": _LogicalNot,
    "Any": _Reduction(np.any),
    "All": _Reduction(np.all),
    "Sum": _Reduction(np.sum),
    "Mean": _Reduction(np.mean),
    "Max": _Reduction(np.max),
    "Min": _Reduction(np.min),
    "Cast": _Cast,
}.items()}


def call_json(class_name, config_json, *inputs):
    """Bridge for the C# parity tests: one operation on arrays, config as JSON text; returns its output."""
    outputs, _ = LAYERS[PREFIX + class_name].call(json.loads(config_json), [], list(inputs), [None] * len(inputs))
    return outputs[0]
