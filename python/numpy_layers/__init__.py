"""Independent NumPy versions of the Keras layers around recurrent layers.

One module per Keras group (core, rnn, convolutional, pooling, merging,
normalization, attention, reshaping, regularization, activations), each with a
`LAYERS` dict from Keras class name to a layer spec; REGISTRY merges them.

A layer spec is an object (a class with static methods, or a module-level
namespace) with:

    weight_shapes(config, input_shapes) -> [(weight_name, shape), ...]
        in Keras's get_weights() order for this layer; input_shapes are
        Keras symbolic shapes (lists, None for unknown batch/time).
    output_shapes(config, input_shapes) -> [shape, ...]
    call(config, weights, inputs, masks) -> (outputs, output_masks)
        weights: list of np.ndarray in weight_shapes order; inputs: list of
        np.ndarray (float32, or integer ids); masks: list of (batch, timesteps)
        bool arrays or None, one per input. Returns lists. Computes in the
        inputs' dtype, as Keras does in float32.

Written from the documented formulas and Keras's source, never by calling
Keras. The C# class of the same layer has the same name.
"""
import importlib

_GROUPS = ("core", "rnn", "convolutional", "pooling", "merging", "normalization",
           "attention", "reshaping", "regularization", "activations", "ops")

REGISTRY = {}
for _group in _GROUPS:
    try:
        _module = importlib.import_module(f"{__name__}.{_group}")
    except ModuleNotFoundError as e:
        if e.name != f"{__name__}.{_group}":
            raise
        continue
    REGISTRY.update(_module.LAYERS)
