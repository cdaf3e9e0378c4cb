"""Independent NumPy versions of the Keras layers around recurrent layers.

One module per Keras group (core, rnn, convolutional, pooling, merging,
normalization, attention, reshaping, regularization, activations), each with a
`LAYERS` dict from Keras class name to a layer spec; REGISTRY merges them.

A layer spec is an object (a class with static methods, or a module-level
namespace) with:

    weight_shapes(config, input_shapes) -> [(weight_name, shape), ...]
        in Keras's get_weights() order for this layer; input_shapes are
        Keras symbolic shapes (lists, None for unknown batch/time). A
        weight_name is the variable's path below the layer ("kernel";
        "lstm_cell/kernel" for a weight a cell or nested layer owns): the
        catalogue writes "<model>/<layer>/<weight_name>" as the case's path.
    output_shapes(config, input_shapes) -> [shape, ...]
    call(config, weights, inputs, masks) -> (outputs, output_masks)
        weights: list of np.ndarray in weight_shapes order; inputs: list of
        np.ndarray (float32, or integer ids); masks: list of (batch, timesteps)
        bool arrays or None, one per input. Returns lists. Computes in the
        inputs' dtype, as Keras does in float32.

Optional, used by python/numpy_runner.py when present:

    compute_mask(config, inputs, masks) -> [mask, ...]
        the output masks Keras computes from `masks` when they differ from the
        masks the call got (a layer given initial_state runs unmasked, yet its
        output mask is its first input's: Keras's Layer.__call__ rule).
    call(..., state=dict)
        a stateful layer keeps what it carries between runs in this dict (the
        runner empties it on reset_states).
    call(..., call_args=[...]) / call(..., call_kwargs={...})
        the node's positional arguments with tensors replaced by None, and its
        non-tensor keyword arguments. An operation without call_args gets its
        constants among its inputs, in place (NotEqual(x, 0.0): [x, 0.0];
        shape [] for a scalar in output_shapes).
    call(..., use_causal_mask=..., ...)
        a node's non-tensor keyword arguments the call names are passed by name
        (Attention's use_causal_mask, return_attention_scores); output_shapes
        gets those it names too.
    mask_style = "mask_argument" | "model_inputs" | "per_argument"
        how a call's masks reach the layer (default "mask_argument": Keras's
        mask= rule, a None entry of a mask list meaning no mask);
        "model_inputs": a None entry keeps the input's own mask (a nested
        model); "per_argument": every input's own mask, replaced by the
        mask_keywords given (MultiHeadAttention's value_mask=, key_mask=).
    mask_list_lengths = (2, 3)
        the lengths of mask= lists the call takes (None: any); without it a
        list of masks is refused as not supported yet.
    call_keywords = ("query", "value", "key")
        tensor keyword arguments, following the positional inputs in this order.
    non_trainable_weights(config) -> [weight_name, ...]
        weights counted in non_trainable_params (moving statistics).
    batch_shape(config) -> shape        (InputLayer only)

Layers of the "ops" group (Keras operations recorded in functional graphs,
module keras.src.ops.*, e.g. NotEqual) are registered as "ops.<class>", are in
OPERATIONS and, as in Keras, not in model.layers.

Written from the documented formulas and Keras's source, never by calling
Keras. The C# class of the same layer has the same name.
"""
import importlib

_GROUPS = ("core", "rnn", "convolutional", "pooling", "merging", "normalization",
           "attention", "reshaping", "regularization", "activations", "ops", "models")

REGISTRY = {}
OPERATIONS = set()
for _group in _GROUPS:
    try:
        _module = importlib.import_module(f"{__name__}.{_group}")
    except ModuleNotFoundError as e:
        if e.name != f"{__name__}.{_group}":
            raise
        continue
    REGISTRY.update(_module.LAYERS)
    if _group == "ops":
        OPERATIONS.update(_module.LAYERS)
