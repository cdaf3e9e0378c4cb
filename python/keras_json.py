"""Keras 3 `model.to_json()` documents for Sequential([Input, one RNN layer]), without Keras.

Key order and default values copy what Keras 3.15.1 wrote for the reference
cases, so a reader that works on Keras's files works on these.
"""

_DTYPE = {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": None}

# Keras's own name for each layer class's first instance, and its cell's.
LAYER_NAMES = {"SimpleRNN": ("simple_rnn", "simple_rnn_cell"),
               "LSTM": ("lstm", "lstm_cell"),
               "GRU": ("gru", "gru_cell")}


def _initializer(class_name, config):
    return {"module": "keras.initializers", "class_name": class_name, "config": config, "registered_name": None}


def rnn_layer_config(spec):
    """The `config` of a SimpleRNN/LSTM/GRU layer; spec holds class_name, units and overrides."""
    cls = spec["class_name"]
    if cls not in LAYER_NAMES:
        raise ValueError(f"no Keras JSON for layer class {cls!r}")
    c = {"name": LAYER_NAMES[cls][0], "trainable": True, "dtype": _DTYPE}
    for key in ("return_sequences", "return_state", "go_backwards", "stateful", "unroll",
                "zero_output_for_mask"):
        c[key] = bool(spec.get(key, False))
    c["units"] = int(spec["units"])
    c["activation"] = spec.get("activation", "tanh")
    if cls != "SimpleRNN":
        c["recurrent_activation"] = spec.get("recurrent_activation", "sigmoid")
    c["use_bias"] = bool(spec.get("use_bias", True))
    c["kernel_initializer"] = _initializer("GlorotUniform", {"seed": None, "input_axes": None, "output_axes": None})
    c["recurrent_initializer"] = _initializer("Orthogonal", {"seed": None, "gain": 1.0})
    c["bias_initializer"] = _initializer("Zeros", {})
    if cls == "LSTM":
        c["unit_forget_bias"] = bool(spec.get("unit_forget_bias", True))
    for key in ("kernel_regularizer", "recurrent_regularizer", "bias_regularizer",
                "activity_regularizer", "kernel_constraint", "recurrent_constraint",
                "bias_constraint"):
        c[key] = None
    c["dropout"] = 0.0
    c["recurrent_dropout"] = 0.0
    if cls == "GRU":
        c["reset_after"] = bool(spec.get("reset_after", True))
    if cls != "SimpleRNN":
        c["seed"] = None
    return c


def sequential_json(batch_shape, spec):
    """keras.Sequential([keras.Input(batch_shape=batch_shape), Layer(**spec)]).to_json() as a dict."""
    shape = list(batch_shape)
    input_layer = {
        "module": "keras.layers", "class_name": "InputLayer",
        "config": {"batch_shape": shape, "dtype": "float32", "sparse": False, "ragged": False,
                   "name": "input_layer", "optional": False},
        "registered_name": None,
    }
    layer = {"module": "keras.layers", "class_name": spec["class_name"], "config": rnn_layer_config(spec),
             "registered_name": None, "build_config": {"input_shape": shape}}
    return {
        "module": "keras", "class_name": "Sequential",
        "config": {"name": "sequential", "trainable": True, "dtype": _DTYPE,
                   "layers": [input_layer, layer], "build_input_shape": shape},
        "registered_name": None,
        "build_config": {"input_shape": shape},
        "compile_config": {},
    }
