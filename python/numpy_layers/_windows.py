"""Window helpers shared by the convolutional and pooling NumPy layers.

Shapes follow keras/src/ops/operation_utils.py (compute_conv_output_shape,
compute_pooling_output_shape); 'same' splits the padding as XLA's
padtype_to_pads does (floor(total / 2) before, the rest after), which is what
Keras's numpy backend runs through lax.conv_general_dilated/reduce_window.
"""


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


def refuse_channels_first(config, class_name):
    if channels_first(config):
        raise NotImplementedError(f"{class_name}: data_format='channels_first' is not supported yet")
