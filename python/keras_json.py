"""Keras 3 `model.to_json()` documents for Sequential models, without Keras.

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


# Keras's default name of a layer class's first instance (snake case of the class name).
_SNAKE = {"SimpleRNN": "simple_rnn", "LSTM": "lstm", "GRU": "gru", "Dense": "dense", "Embedding": "embedding",
          "Masking": "masking", "Bidirectional": "bidirectional", "TimeDistributed": "time_distributed",
          "Dropout": "dropout"}


def default_name(class_name):
    """Keras's name for the first instance of class_name (Keras's to_snake_case)."""
    if class_name in _SNAKE:
        return _SNAKE[class_name]
    import re
    name = re.sub(r"\W+", "", class_name)
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower()


def _glorot():
    return _initializer("GlorotUniform", {"seed": None, "input_axes": None, "output_axes": None})


_NO_REGULARIZERS = ("kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint",
                    "bias_constraint")

# Every field the layer's get_config writes after name/trainable/dtype, in its order, with the
# value Keras 3.15.1 writes for the default (tuples as lists); a case's options override them.
# Read from keras/src/layers/*/*.py get_config; a (factory,) default is built per use.
_KERAS_FIELDS = {
    "Conv1D": [("filters", None), ("kernel_size", None), ("strides", [1]), ("padding", "valid"),
               ("data_format", "channels_last"), ("dilation_rate", [1]), ("groups", 1), ("activation", "linear"),
               ("use_bias", True), ("kernel_initializer", (_glorot,)),
               ("bias_initializer", (lambda: _initializer("Zeros", {}),)),
               *((k, None) for k in _NO_REGULARIZERS)],
    "MaxPooling1D": [("pool_size", [2]), ("padding", "valid"), ("strides", None), ("data_format", "channels_last")],
    "AveragePooling1D": [("pool_size", [2]), ("padding", "valid"), ("strides", None),
                         ("data_format", "channels_last")],
    "GlobalMaxPooling1D": [("data_format", "channels_last"), ("keepdims", False)],
    "GlobalAveragePooling1D": [("data_format", "channels_last"), ("keepdims", False)],
    "Concatenate": [("axis", -1)],
    "Dot": [("axes", None), ("normalize", False)],
    "LayerNormalization": [("axis", -1), ("epsilon", 0.001), ("center", True), ("scale", True),
                           ("rms_scaling", False), ("beta_initializer", (lambda: _initializer("Zeros", {}),)),
                           ("gamma_initializer", (lambda: _initializer("Ones", {}),)), ("beta_regularizer", None),
                           ("gamma_regularizer", None), ("beta_constraint", None), ("gamma_constraint", None)],
    "BatchNormalization": [("axis", -1), ("momentum", 0.99), ("epsilon", 0.001), ("center", True), ("scale", True),
                           ("beta_initializer", (lambda: _initializer("Zeros", {}),)),
                           ("gamma_initializer", (lambda: _initializer("Ones", {}),)),
                           ("moving_mean_initializer", (lambda: _initializer("Zeros", {}),)),
                           ("moving_variance_initializer", (lambda: _initializer("Ones", {}),)),
                           ("beta_regularizer", None), ("gamma_regularizer", None), ("beta_constraint", None),
                           ("gamma_constraint", None), ("synchronized", False), ("renorm", False),
                           ("renorm_clipping", None), ("renorm_momentum", 0.99)],
    "Attention": [("use_scale", False), ("score_mode", "dot"), ("dropout", 0.0), ("seed", None)],
    "AdditiveAttention": [("use_scale", True), ("dropout", 0.0), ("seed", None)],
    "MultiHeadAttention": [("num_heads", None), ("key_dim", None), ("value_dim", None), ("dropout", 0.0),
                           ("use_bias", True), ("use_gate", False), ("output_shape", None), ("attention_axes", None),
                           ("sliding_window", None), ("kernel_initializer", (_glorot,)),
                           ("bias_initializer", (lambda: _initializer("Zeros", {}),)),
                           *((k, None) for k in _NO_REGULARIZERS), ("seed", None)],
    "Activation": [("activation", None)],
    "ReLU": [("max_value", None), ("negative_slope", 0.0), ("threshold", 0.0)],
    "LeakyReLU": [("negative_slope", 0.3)],
    "PReLU": [("alpha_initializer", (lambda: _initializer("Zeros", {}),)), ("alpha_regularizer", None),
              ("alpha_constraint", None), ("shared_axes", None)],
    "ELU": [("alpha", 1.0)],
    "Softmax": [("axis", -1)],
    "Flatten": [("data_format", "channels_last")],
    "Reshape": [("target_shape", None)],
    "Permute": [("dims", None)],
    "RepeatVector": [("n", None)],
    "ZeroPadding1D": [("padding", [1, 1]), ("data_format", "channels_last")],
    "Cropping1D": [("cropping", [1, 1])],
    "UpSampling1D": [("size", 2)],
    "Dropout": [("rate", None), ("seed", None), ("noise_shape", None)],
    "GaussianNoise": [("stddev", None), ("seed", None)],
    "GaussianDropout": [("rate", None), ("seed", None)],
    "AlphaDropout": [("rate", None), ("seed", None), ("noise_shape", None)],
    "ActivityRegularization": [("l1", 0.0), ("l2", 0.0)],
    "ConvLSTM1D": [("return_sequences", False), ("return_state", False), ("go_backwards", False),
                   ("stateful", False), ("unroll", False), ("zero_output_for_mask", False),
                   ("filters", None), ("kernel_size", None), ("strides", [1]), ("padding", "valid"),
                   ("data_format", "channels_last"), ("dilation_rate", [1]), ("activation", "tanh"),
                   ("recurrent_activation", "sigmoid"), ("use_bias", True), ("kernel_initializer", (_glorot,)),
                   ("recurrent_initializer", (lambda: _initializer("Orthogonal", {"seed": None, "gain": 1.0}),)),
                   ("bias_initializer", (lambda: _initializer("Zeros", {}),)), ("unit_forget_bias", True),
                   ("kernel_regularizer", None), ("recurrent_regularizer", None), ("bias_regularizer", None),
                   ("activity_regularizer", None), ("kernel_constraint", None), ("recurrent_constraint", None),
                   ("bias_constraint", None), ("dropout", 0.0), ("recurrent_dropout", 0.0), ("seed", None)],
}
# The N-d layers (issue 9, 2-D/3-D): the 1-D field lists with tuples of their rank.
_RANK = {"Conv2D": 2, "Conv3D": 3, "MaxPooling2D": 2, "AveragePooling2D": 2, "MaxPooling3D": 3, "AveragePooling3D": 3,
         "ConvLSTM2D": 2, "ConvLSTM3D": 3}
for _cls, _rank in _RANK.items():
    _base = _cls[:-2] + "1D"
    _KERAS_FIELDS[_cls] = [(k, [v[0]] * _rank if isinstance(v, list) and len(v) == 1 else v)
                           for k, v in _KERAS_FIELDS[_base]]
for _cls in ("GlobalMaxPooling2D", "GlobalAveragePooling2D", "GlobalMaxPooling3D", "GlobalAveragePooling3D"):
    _KERAS_FIELDS[_cls] = [("data_format", "channels_last"), ("keepdims", False)]
_KERAS_FIELDS["ZeroPadding2D"] = [("padding", [[1, 1], [1, 1]]), ("data_format", "channels_last")]
_KERAS_FIELDS["Cropping2D"] = [("cropping", [[0, 0], [0, 0]]), ("data_format", "channels_last")]
_KERAS_FIELDS["UpSampling2D"] = [("size", [2, 2]), ("data_format", "channels_last"), ("interpolation", "nearest")]
_KERAS_FIELDS["ZeroPadding3D"] = [("padding", [[1, 1], [1, 1], [1, 1]]), ("data_format", "channels_last")]
_KERAS_FIELDS["Cropping3D"] = [("cropping", [[1, 1], [1, 1], [1, 1]]), ("data_format", "channels_last")]
_KERAS_FIELDS["UpSampling3D"] = [("size", [2, 2, 2]), ("data_format", "channels_last")]
_SIDES = {"ZeroPadding2D": 2, "Cropping2D": 2, "ZeroPadding3D": 3, "Cropping3D": 3}
# Keras stores these as tuples (standardize_tuple / standardize_padding), JSON lists.
_TUPLES = {"kernel_size", "strides", "dilation_rate", "pool_size", "padding", "cropping", "dims", "target_shape"}


def _keras_fields(class_name, options):
    """Keras's fields for class_name: options popped into their place, defaults elsewhere."""
    c = {}
    for key, default in _KERAS_FIELDS[class_name]:
        if key in options:
            value = options.pop(key)
            if key in _TUPLES and isinstance(value, int) and not (key == "padding" and class_name not in (
                    "ZeroPadding1D", *_SIDES)):
                value = [value, value] if class_name in ("ZeroPadding1D", "Cropping1D") \
                    else [[value, value]] * _SIDES[class_name] if class_name in _SIDES \
                    else [value] * _RANK.get(class_name, 1)
            elif key in ("padding", "cropping") and class_name in _SIDES:
                value = [[v, v] if isinstance(v, int) else list(v) for v in value]   # Keras: ((before, after), ...)
            elif key in _TUPLES and isinstance(value, (list, tuple)):
                value = list(value)
        elif isinstance(default, tuple):
            value = default[0]()
        else:
            value = default
        c[key] = value
    if class_name in ("MaxPooling1D", "AveragePooling1D", "MaxPooling2D", "AveragePooling2D", "MaxPooling3D",
                      "AveragePooling3D") and c["strides"] is None:
        c["strides"] = c["pool_size"]   # Keras: strides default to pool_size
    if class_name in ("UpSampling2D", "UpSampling3D") and isinstance(c["size"], int):
        c["size"] = [c["size"]] * int(class_name[-2])   # Keras: standardize_tuple(size, rank, "size")
    if class_name == "MultiHeadAttention" and c["value_dim"] is None:
        c["value_dim"] = c["key_dim"]   # Keras: self._value_dim = value_dim if value_dim else key_dim
    return c


def layer_config(class_name, options, name=None):
    """The `config` of a layer as Keras 3.15.1 writes it: known classes get every field Keras writes,
    in its order (so loaders see what they see in Keras's files); other classes get name, trainable,
    dtype and the given options (a layer group's catalogue entry gives its full config)."""
    options = dict(options)
    name = options.pop("name", None) or name or default_name(class_name)
    if class_name in LAYER_NAMES:
        c = rnn_layer_config(dict(options, class_name=class_name))
        c["name"] = name
        return c
    if class_name == "SpatialDropout1D":
        # Its get_config is a literal of its own: no trainable, the dtype policy's name only.
        return {"rate": options.pop("rate"), "seed": options.pop("seed", None), "name": name,
                "dtype": "float32", **options}
    c = {"name": name, "trainable": True, "dtype": _DTYPE}
    if class_name == "Dense":
        c.update(units=int(options.pop("units")), activation=options.pop("activation", "linear"),
                 use_bias=bool(options.pop("use_bias", True)),
                 kernel_initializer=_initializer("GlorotUniform", {"seed": None, "input_axes": None, "output_axes": None}),
                 bias_initializer=_initializer("Zeros", {}), kernel_regularizer=None, bias_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, quantization_config=None)
    elif class_name == "Embedding":
        c.update(input_dim=int(options.pop("input_dim")), output_dim=int(options.pop("output_dim")),
                 embeddings_initializer=_initializer("RandomUniform", {"seed": None, "minval": -0.05, "maxval": 0.05}),
                 embeddings_regularizer=None, activity_regularizer=None, embeddings_constraint=None,
                 mask_zero=bool(options.pop("mask_zero", False)), quantization_config=None)
    elif class_name == "Masking":
        c["mask_value"] = float(options.pop("mask_value", 0.0))
    elif class_name == "Bidirectional":
        inner_cls, inner_opts = options.pop("layer")
        mode = options.pop("merge_mode", "concat")
        inner = dict(inner_opts, zero_output_for_mask=bool(inner_opts.get("return_sequences", False)))
        base = inner.pop("name", None) or default_name(inner_cls)
        c["merge_mode"] = mode
        c["layer"] = layer_json(inner_cls, dict(inner, name=f"forward_{base}"))
        c["backward_layer"] = layer_json(inner_cls, dict(inner, name=f"backward_{base}", go_backwards=True))
    elif class_name in _KERAS_FIELDS:
        c.update(_keras_fields(class_name, options))
    elif class_name == "TimeDistributed":
        inner_cls, inner_opts = options.pop("layer")
        c["layer"] = layer_json(inner_cls, inner_opts)
    c.update(options)
    return c


def layer_json(class_name, options, name=None):
    """{"module", "class_name", "config", "registered_name"} of one layer."""
    return {"module": "keras.layers", "class_name": class_name,
            "config": layer_config(class_name, options, name), "registered_name": None}


def _named(class_name, options, counts):
    """options with Keras's automatic names filled in, a wrapped layer first (it is built first:
    Bidirectional(GRU(3)) names the GRU gru, then the wrapper bidirectional)."""
    options = dict(options)
    if "layer" in options:
        inner_cls, inner_opts = options["layer"]
        options["layer"] = (inner_cls, _named(inner_cls, inner_opts, counts))
    if not options.get("name"):
        base = default_name(class_name[len(OPS_PREFIX):] if class_name.startswith(OPS_PREFIX) else class_name)
        n = counts.get(base, 0)
        counts[base] = n + 1
        options["name"] = base if n == 0 else f"{base}_{n}"
    return options


def sequential_model_json(batch_shape, layers, input_dtype="float32"):
    """keras.Sequential([keras.Input(batch_shape=..., dtype=...), *layers]).to_json() as a dict;
    layers: [(class_name, options)], named as Keras names them (dense, dense_1, ...)."""
    shape = list(batch_shape)
    counts = {}
    entries = [layer_json(class_name, _named(class_name, options, counts)) for class_name, options in layers]
    input_layer = {
        "module": "keras.layers", "class_name": "InputLayer",
        "config": {"batch_shape": shape, "dtype": input_dtype, "sparse": False, "ragged": False,
                   "name": "input_layer", "optional": False},
        "registered_name": None,
    }
    return {
        "module": "keras", "class_name": "Sequential",
        "config": {"name": "sequential", "trainable": True, "dtype": _DTYPE,
                   "layers": [input_layer, *entries], "build_input_shape": shape},
        "registered_name": None,
        "build_config": {"input_shape": shape},
        "compile_config": {},
    }


OPS_PREFIX = "ops."
# The module Keras 3.15.1 records for an operation in a functional graph (keras/src/ops/).
_OPS_MODULES = {"Cast": "keras.src.ops.core"}


def operation_json(class_name, options):
    """An operation node's entry ("ops.NotEqual" -> module keras.src.ops.numpy, class NotEqual): Keras writes
    its name and call options (axis, keepdims, dtype) as its config, and the class as registered_name."""
    options = dict(options)
    cls = class_name[len(OPS_PREFIX):]
    return {"module": _OPS_MODULES.get(cls, "keras.src.ops.numpy"), "class_name": cls,
            "config": {"name": options.pop("name"), **options}, "registered_name": cls}


def _keras_tensor(ref):
    name, index = (ref, 0) if isinstance(ref, str) else ref
    return {"class_name": "__keras_tensor__", "config": {"shape": None, "dtype": "float32",
                                                         "keras_history": [name, 0, index]}}


def _node_args(value):
    """Call arguments with layer references ("name" or ("name", tensor index)) as keras tensors."""
    if isinstance(value, str) or isinstance(value, tuple):
        return _keras_tensor(value)
    if isinstance(value, list):
        return [_node_args(v) for v in value]
    if isinstance(value, dict):
        return {k: _node_args(v) for k, v in value.items()}
    return value


def functional_model_json(inputs, layers, outputs, name="functional"):
    """keras.Model(inputs, outputs).to_json() as a dict, each layer called once.

    inputs:  [(name, batch_shape) or (name, batch_shape, dtype)]
    layers:  [(class_name, options, args, kwargs)] in call order ("ops.<Class>" for a Keras operation;
             class "Sequential"/"Functional" with options model=<its model.json dict> for a nested
             model); args and kwargs refer to
             tensors as "layer name" (output 0) or ("layer name", tensor index), constants as is;
             give options a name to refer to a layer, or use the name Keras gives it.
    outputs: references as in args.
    """
    entries = []
    for spec in inputs:
        input_name, shape = spec[0], list(spec[1])
        dtype = spec[2] if len(spec) > 2 else "float32"
        entries.append({"module": "keras.layers", "class_name": "InputLayer", "registered_name": None,
                        "config": {"batch_shape": shape, "dtype": dtype, "sparse": False, "ragged": False,
                                   "name": input_name, "optional": False},
                        "name": input_name, "inbound_nodes": []})
    counts = {}
    for class_name, options, args, kwargs in layers:
        named = _named(class_name, options, counts)
        if class_name.startswith(OPS_PREFIX):
            entry = operation_json(class_name, named)
        elif isinstance(options.get("model"), dict):   # a nested model: its own model.json entry
            entry = dict(options["model"])
            entry["config"] = dict(entry["config"], name=named["name"])
        else:
            entry = layer_json(class_name, named)
        entry["name"] = entry["config"]["name"]
        entry["inbound_nodes"] = [{"args": _node_args(list(args)), "kwargs": _node_args(dict(kwargs or {}))}]
        entries.append(entry)
    refs = [[r, 0, 0] if isinstance(r, str) else [r[0], 0, r[1]] for r in outputs]
    return {"module": "keras.src.models.functional", "class_name": "Functional", "registered_name": "Functional",
            "config": {"name": name, "trainable": True, "layers": entries,
                       "input_layers": [[spec[0], 0, 0] for spec in inputs],
                       "output_layers": refs[0] if len(refs) == 1 else refs},
            "build_config": {"input_shape": None}, "compile_config": {}}
