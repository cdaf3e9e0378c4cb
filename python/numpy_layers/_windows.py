"""Window helpers shared by the convolutional and pooling NumPy layers, and data_format='channels_first' for the
2-D/3-D layers (by_transpose).

Shapes follow keras/src/ops/operation_utils.py (compute_conv_output_shape,
compute_pooling_output_shape); 'same' splits the padding as XLA's
padtype_to_pads does (floor(total / 2) before, the rest after), which is what
Keras's numpy backend runs through lax.conv_general_dilated/reduce_window.
"""
import inspect

import numpy as np



def one(value, name):
    """Keras's standardize_tuple for one spatial dimension: an int or a 1-tuple."""
    if isinstance(value, (list, tuple)):
        if len(value) != 1:
            raise ValueError(f"{name} must have one value for a 1-D layer, got {value}")
        value = value[0]
    return int(value)


def out_length(length, span, stride, padding):
    if length is None:
        return None
    if padding == "valid":
        return (length - span) // stride + 1
    return (length - 1) // stride + 1


def pads(length, span, stride, padding):
    """(before, after) padding of the steps axis."""
    if padding == "valid":
        return 0, 0
    if padding == "causal":
        return span - 1, 0
    out = out_length(length, span, stride, padding)
    total = max((out - 1) * stride + span - length, 0)
    return total // 2, total - total // 2


def channels_first(config):
    return (config.get("data_format") or "channels_last").lower() == "channels_first"


def many(value, rank, name):
    """Keras's standardize_tuple for `rank` spatial dimensions: an int for all, or a rank-tuple."""
    if isinstance(value, (list, tuple)):
        if len(value) != rank:
            raise ValueError(f"{name} must have {rank} values, got {value}")
        return tuple(int(v) for v in value)
    return (int(value),) * rank


def _move(shape_or_array, leading, to_last):
    """The channel axis (right after `leading` axes) moved last, or back; arrays and shapes without a spatial axis
    are kept as they are."""
    rank = len(shape_or_array) if isinstance(shape_or_array, (list, tuple)) else shape_or_array.ndim
    if rank < leading + 2:
        return shape_or_array
    axes = list(range(rank))
    axes = axes[:leading] + axes[leading + 1:] + [leading] if to_last else axes[:leading] + [rank - 1] + axes[leading:-1]
    if isinstance(shape_or_array, (list, tuple)):
        return [shape_or_array[a] for a in axes]
    return np.ascontiguousarray(np.transpose(shape_or_array, axes))


def by_transpose(leading=1):
    """Class decorator giving a channels_last layer data_format='channels_first' as Keras's numpy backend runs it
    (keras/src/backend/numpy/nn.py: conv and pools transpose to channels_last and back): the channel axis, after
    `leading` axes (batch; batch and time for ConvLSTM), is moved last in the first input's shape or array, the
    channels_last code runs, and every output of the input's rank (the rest, states and pooled vectors: after batch)
    gets it back. Further inputs (initial states) are moved with one leading axis. Weights keep their layout."""
    def lead(shape, first_rank):
        return leading if len(shape) == first_rank else 1

    def inputs_last(items):
        return [_move(items[0], leading, True), *(_move(s, 1, True) for s in items[1:])]

    def wrap(raw, name):
        def method(klass, config, *args, **kwargs):
            original = raw.__get__(None, klass)
            if not channels_first(config):
                return original(config, *args, **kwargs)
            last = dict(config, data_format="channels_last")
            if name == "weight_shapes":
                return original(last, inputs_last(args[0]), *args[1:], **kwargs)
            if name == "output_shapes":
                rank = len(args[0][0])
                return [_move(s, lead(s, rank), False) for s in original(last, inputs_last(args[0]), *args[1:], **kwargs)]
            weights, inputs, *rest = args
            rank = inputs[0].ndim
            outputs, masks = original(last, weights, inputs_last(inputs), *rest, **kwargs)
            return [_move(y, lead(y.shape, rank), False) for y in outputs], masks
        return classmethod(method)

    def decorate(cls):
        for name in ("weight_shapes", "output_shapes", "call"):
            setattr(cls, name, wrap(inspect.getattr_static(cls, name), name))
        return cls
    return decorate
