"""Recomputes a NumPy-reference case from its own files with numpy_reference.

The case's model.json must be what make_numpy_fixtures / case_catalogue write:
a Keras 3 `Sequential` whose first layer is an `InputLayer` and whose other
layers are SimpleRNN, LSTM or GRU. Weights come from the case's weight files
(matched to layers by the `layer` field, in get_weights() order), inputs from
its run files; stateful layers carry their states from one run to the next
unless the run says reset_states. Safe to call in-process (pythonnet): it
raises case_io.CaseError, it never exits.
"""
import os

import numpy as np

import case_io
import numpy_reference

_REFERENCE = {"SimpleRNN": numpy_reference.simple_rnn, "LSTM": numpy_reference.lstm,
              "GRU": numpy_reference.gru}
_GATES = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}
_STATES = {"SimpleRNN": 1, "LSTM": 2, "GRU": 1}
SUPPORTED = tuple(_REFERENCE)


def _weight_shapes(cls, cfg, input_dim):
    units = cfg["units"]
    width = units * _GATES[cls]
    shapes = [("kernel", (input_dim, width)), ("recurrent_kernel", (units, width))]
    if cfg.get("use_bias", True):
        two = cls == "GRU" and cfg.get("reset_after", True)
        shapes.append(("bias", (2, width) if two else (width,)))
    return shapes


def parse_model(case_dir, model_json):
    """[(class_name, config)] of the RNN layers and the input batch_shape; CaseError if unsupported."""
    file = "model.json"
    if not isinstance(model_json, dict) or model_json.get("class_name") != "Sequential":
        case_io.fail(case_dir, file, "class_name",
                     f"{model_json.get('class_name') if isinstance(model_json, dict) else model_json!r}: "
                     "the NumPy runner only interprets Sequential models")
    layers = (model_json.get("config") or {}).get("layers")
    if not isinstance(layers, list) or len(layers) < 2:
        case_io.fail(case_dir, file, "config.layers", "needs an InputLayer and at least one RNN layer")
    first = layers[0]
    if not isinstance(first, dict) or first.get("class_name") != "InputLayer":
        case_io.fail(case_dir, file, "config.layers[0]", "must be an InputLayer")
    batch_shape = (first.get("config") or {}).get("batch_shape")
    if not isinstance(batch_shape, list) or len(batch_shape) != 3:
        case_io.fail(case_dir, file, "config.layers[0].config.batch_shape",
                     f"{batch_shape!r} is not [batch, timesteps, features]")
    parsed = []
    for i, layer in enumerate(layers[1:], start=1):
        cls = layer.get("class_name") if isinstance(layer, dict) else None
        cfg = layer.get("config") if isinstance(layer, dict) else None
        if cls not in _REFERENCE:
            name = cfg.get("name") if isinstance(cfg, dict) else None
            case_io.fail(case_dir, file, f"config.layers[{i}].class_name",
                         f"layer {name!r} has class {cls!r}, which the NumPy runner cannot run "
                         f"(it knows {', '.join(SUPPORTED)})")
        if not isinstance(cfg, dict) or not isinstance(cfg.get("units"), int) or not isinstance(cfg.get("name"), str):
            case_io.fail(case_dir, file, f"config.layers[{i}].config", "needs name and integer units")
        for key in ("activation", "recurrent_activation"):
            if key in cfg and not (cfg[key] is None or isinstance(cfg[key], str)):
                case_io.fail(case_dir, file, f"config.layers[{i}].config.{key}",
                             f"{cfg[key]!r} is not an activation name")
        parsed.append((cls, cfg))
    return parsed, batch_shape


def _symbolic(parsed, batch_shape, case_dir):
    """Per layer: output shapes and params; checks that the stack is well formed."""
    batch, timesteps, features = batch_shape
    info, input_dim = [], features
    for k, (cls, cfg) in enumerate(parsed):
        if input_dim is None:
            case_io.fail(case_dir, "model.json", f"config.layers[{k + 1}]",
                         f"layer {cfg['name']!r} gets a 2-D input: the layer before it needs return_sequences")
        units = cfg["units"]
        out = [batch, timesteps, units] if cfg.get("return_sequences") else [batch, units]
        shapes = [out]
        if cfg.get("return_state"):
            if k != len(parsed) - 1:
                case_io.fail(case_dir, "model.json", f"config.layers[{k + 1}].config.return_state",
                             "only the last layer of a Sequential model may return its states")
            shapes += [[batch, units]] * _STATES[cls]
        wshapes = _weight_shapes(cls, cfg, input_dim)
        params = int(sum(int(np.prod(s)) for _, s in wshapes))
        info.append({"name": cfg["name"], "class_name": cls, "output_shapes": shapes,
                     "params": params, "weight_shapes": wshapes})
        input_dim = units if cfg.get("return_sequences") else None
    return info


def _assign_weights(case_dir, doc, info, weights):
    by_layer = {}
    for i, (entry, array) in enumerate(weights):
        by_layer.setdefault(entry.get("layer"), []).append((i, entry, array))
    known = {layer["name"] for layer in info}
    for name in by_layer:
        if name not in known:
            case_io.fail(case_dir, "case.json", "weights",
                         f"weight(s) for layer {name!r}, which model.json does not have")
    assigned = []
    for layer in info:
        mine = by_layer.get(layer["name"], [])
        if len(mine) != len(layer["weight_shapes"]):
            case_io.fail(case_dir, "case.json", "weights",
                         f"layer {layer['name']!r} needs {len(layer['weight_shapes'])} weights "
                         f"({', '.join(n for n, _ in layer['weight_shapes'])}), the case gives {len(mine)}")
        arrays = []
        for (i, entry, array), (wname, shape) in zip(mine, layer["weight_shapes"]):
            if tuple(array.shape) != tuple(shape):
                case_io.fail(case_dir, entry.get("file"), f"weights[{i}]",
                             f"{layer['name']}/{wname} has shape {tuple(array.shape)}, expected {tuple(shape)}")
            arrays.append(array)
        assigned.append(arrays)
    return assigned


def _call(cls, cfg, x, arrays, initial_state):
    kwargs = {k: cfg[k] for k in ("activation", "recurrent_activation", "go_backwards", "return_sequences")
              if k in cfg}
    if cls == "GRU":
        kwargs["reset_after"] = cfg.get("reset_after", True)
    bias = arrays[2] if len(arrays) == 3 else None
    output, *states = _REFERENCE[cls](x, arrays[0], arrays[1], bias, return_state=True,
                                      initial_state=initial_state, **kwargs)
    return output, states


def compute(case_dir):
    """The case recomputed; outputs as NumPy arrays (used by regen)."""
    case_dir = os.fspath(case_dir)
    doc = case_io.read_case(case_dir)
    model_json = case_io.read_json(case_dir, doc["model"], "model")
    parsed, batch_shape = parse_model(case_dir, model_json)
    info = _symbolic(parsed, batch_shape, case_dir)
    assigned = _assign_weights(case_dir, doc, info, case_io.load_weights(case_dir, doc))
    run_inputs = case_io.load_run_inputs(case_dir, doc)

    states = [None] * len(parsed)
    runs = []
    for r, (run, inputs) in enumerate(zip(doc["runs"], run_inputs)):
        if len(inputs) != 1:
            case_io.fail(case_dir, "case.json", f"runs[{r}].inputs", f"a Sequential model takes 1 input, got {len(inputs)}")
        x = inputs[0]
        if x.ndim != 3 or any(b is not None and b != n for b, n in zip(batch_shape, x.shape)):
            case_io.fail(case_dir, run["inputs"][0].get("file"), f"runs[{r}].inputs[0]",
                         f"shape {x.shape} does not fit batch_shape {batch_shape}")
        if run.get("reset_states"):
            states = [None] * len(parsed)
        outputs = []
        for k, ((cls, cfg), arrays) in enumerate(zip(parsed, assigned)):
            initial = states[k] if cfg.get("stateful") else None
            x, final = _call(cls, cfg, x, arrays, initial)
            if cfg.get("stateful"):
                states[k] = final
            if k == len(parsed) - 1:
                outputs = [x, *final] if cfg.get("return_state") else [x]
        runs.append({"reset_states": bool(run.get("reset_states", False)), "outputs": outputs})

    layers = [{k: layer[k] for k in ("name", "class_name", "output_shapes", "params")} for layer in info]
    total = int(sum(layer["params"] for layer in layers))
    return {
        "name": doc["name"], "reference": "numpy", "runs": runs,
        "output_shapes": info[-1]["output_shapes"], "layers": layers,
        "total_params": total, "trainable_params": total, "non_trainable_params": 0,
        "summary": None, "summary_line_length": doc["expected"].get("summary_line_length"),
    }


def run_case_with_numpy(case_dir):
    """Outputs of every run, output shapes, per-layer shapes and params and the totals of a NumPy case.

    Returns a JSON-able dict: {"name", "reference", "runs": [{"reset_states", "outputs":
    [{"shape", "dtype", "data"}]}], "output_shapes", "layers", "total_params",
    "trainable_params", "non_trainable_params", "summary": None, "summary_line_length"}.
    Raises case_io.CaseError naming the case, file and field when the case cannot be run.
    """
    return case_io.jsonable_result(compute(case_dir))
