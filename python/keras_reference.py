"""Recomputes a Keras-reference case with Keras itself, on the case's own weights and inputs.

The call path is the one fixtures/FORMAT.md records for keras-reference/:
keras.utils.clear_session(); keras.models.model_from_json(model.json);
model.set_weights(weights in get_weights() order); per run, layer.reset_states()
on every stateful layer when the run says reset_states, then
model(x, training=False) (a list for several inputs) and
keras.ops.convert_to_numpy; shapes from model.output_shape, layer.output.shape
and layer.count_params(); totals from model.count_params() and the
trainable/non-trainable weights; the summary from
model.summary(line_length=..., print_fn=lambda line, **kw: lines.append(line))
joined with "\\n" (Keras hands print_fn the whole captured table, which ends
in a newline, so the text is the summary.txt file as is).

Keras is imported lazily with KERAS_BACKEND defaulting to "numpy" (the backend
the reference cases were made with). Where `import keras` fails, everything
here raises KerasUnavailable whose message says so and how to install:
"keras is not installed: install it into a virtual environment ...". Safe in-process
(pythonnet): nothing exits, results are plain dicts.
"""
import importlib.metadata
import os
import platform

import numpy as np

import case_io

# Debian's system Python refuses a bare `pip install keras` (PEP 668, externally-managed-environment),
# so the hint gives the route that works everywhere: a virtual environment the CLI is pointed at.
INSTALL_HINT = ("install it into a virtual environment (a system Python may refuse pip, PEP 668): "
                "python3 -m venv ~/.venvs/keras && ~/.venvs/keras/bin/pip install keras numpy, "
                "then RNNPARITY_PYTHON=~/.venvs/keras/bin/python")
# The reference cases were made with COLUMNS=200 so that rich never narrowed the table.
_COLUMNS = 200


class KerasUnavailable(Exception):
    """`import keras` failed; the message says why and how to install it."""


def import_keras():
    """The keras module (numpy backend unless KERAS_BACKEND says otherwise), or KerasUnavailable."""
    os.environ.setdefault("KERAS_BACKEND", "numpy")
    try:
        import keras  # noqa: WPS433 -- optional dependency, imported on demand
    except ImportError as e:
        raise KerasUnavailable(f"keras is not installed: {INSTALL_HINT} ({type(e).__name__}: {e})") from None
    except Exception as e:  # a broken install fails in other ways; still say how to get a working one
        raise KerasUnavailable(f"keras is not installed properly, import failed with "
                               f"{type(e).__name__}: {e}: {INSTALL_HINT}") from None
    return keras


def keras_version(keras):
    version = getattr(keras, "__version__", None)
    if version is None and callable(getattr(keras, "version", None)):
        version = keras.version()
    return str(version)


def keras_available():
    """(True, "<keras version> (backend <name>)") or (False, the import error and how to install)."""
    try:
        keras = import_keras()
    except KerasUnavailable as e:
        return False, str(e)
    try:
        backend = keras.backend.backend()
    except Exception:  # pragma: no cover - depends on the installed keras
        backend = "unknown"
    return True, f"{keras_version(keras)} (backend {backend})"


def _package_version(name):
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def provenance(keras):
    """The version fields of a Keras case's provenance, in the reference cases' key order."""
    return {"python": platform.python_version(), "numpy": np.__version__,
            "keras": keras_version(keras), "keras_backend": keras.backend.backend(),
            "rich": _package_version("rich")}


def _dim(d):
    return None if d is None else int(d)


def shape_list(shape):
    """A Keras shape (tuple) or a structure of shapes as a list of shapes, each a list of int/None."""
    if isinstance(shape, (list, tuple)) and all(d is None or isinstance(d, (int, np.integer)) for d in shape):
        return [[_dim(d) for d in shape]]
    if isinstance(shape, dict):
        shape = list(shape.values())
    out = []
    for s in shape:
        out.extend(shape_list(s))
    return out


def layer_output_shapes(layer):
    output = layer.output
    if isinstance(output, (list, tuple)):
        return [[_dim(d) for d in t.shape] for t in output]
    return [[_dim(d) for d in output.shape]]


def default_summary_line_length(model):
    """Keras's own default width for this model, without the terminal cap:
    88 for sequential-like models, 108 otherwise (rules of keras/src/utils/summary_utils.py)."""
    from keras.src import tree
    from keras.src.models.functional import Functional
    from keras.src.models.sequential import Sequential

    if isinstance(model, Sequential) or not isinstance(model, Functional):
        return 88
    nodes = []
    for v in model._nodes_by_depth.values():
        if len(v) > 1 or (len(v) == 1 and len(tree.flatten(v[0].input_tensors)) > 1):
            return 108
        nodes += v
    for layer in model.layers:
        seen = False
        for node in layer._inbound_nodes:
            if node in nodes:
                if seen:
                    return 108
                seen = True
    return 88


def summary_text(model, line_length):
    """model.summary at line_length, captured the way the reference cases were."""
    lines = []
    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(max(_COLUMNS, int(line_length) + 4))
    try:
        model.summary(line_length=int(line_length), print_fn=lambda line, **kw: lines.append(line))
    finally:
        if old is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = old
    text = "\n".join(lines)
    return text if text.endswith("\n") else text + "\n"


def reset_stateful_layers(model):
    for layer in model.layers:
        if getattr(layer, "stateful", False):
            layer.reset_states()


def _count(variables):
    return int(sum(int(np.prod(v.shape)) for v in variables))


def evaluate(keras, model, run_inputs, reset_flags):
    """Runs, shapes, params and totals of a built model with its weights set."""
    runs = []
    for inputs, reset in zip(run_inputs, reset_flags):
        if reset:
            reset_stateful_layers(model)
        x = inputs[0] if len(inputs) == 1 else list(inputs)
        y = model(x, training=False)
        ys = list(y) if isinstance(y, (list, tuple)) else [y]
        runs.append({"reset_states": bool(reset),
                     "outputs": [np.asarray(keras.ops.convert_to_numpy(t)) for t in ys]})
    return {
        "runs": runs,
        "output_shapes": shape_list(model.output_shape),
        "layers": [{"name": layer.name, "class_name": type(layer).__name__,
                    "output_shapes": layer_output_shapes(layer), "params": int(layer.count_params())}
                   for layer in model.layers],
        "total_params": int(model.count_params()),
        "trainable_params": _count(model.trainable_weights),
        "non_trainable_params": _count(model.non_trainable_weights),
    }


def compute(case_dir):
    """The case recomputed with Keras; outputs as NumPy arrays (used by regen).

    Raises KerasUnavailable when keras does not import, case_io.CaseError when
    the case cannot be read or built.
    """
    case_dir = os.fspath(case_dir)
    doc = case_io.read_case(case_dir)
    model_path = case_io.plain_file(case_dir, doc["model"], "model")
    weights = case_io.load_weights(case_dir, doc)
    run_inputs = case_io.load_run_inputs(case_dir, doc)
    try:
        with open(model_path, "r", encoding="utf-8") as f:
            model_text = f.read()
    except FileNotFoundError:
        case_io.fail(case_dir, doc["model"], "model", "missing")
    keras = import_keras()

    keras.utils.clear_session()
    try:
        model = keras.models.model_from_json(model_text)
    except Exception as e:
        case_io.fail(case_dir, doc["model"], None, f"Keras cannot build the model: {type(e).__name__}: {e}")
    try:
        model.set_weights([a for _, a in weights])
    except Exception as e:
        case_io.fail(case_dir, "case.json", "weights", f"set_weights failed: {type(e).__name__}: {e}")
    result = evaluate(keras, model, run_inputs, [bool(r.get("reset_states", False)) for r in doc["runs"]])

    line_length = doc["expected"].get("summary_line_length")
    if line_length is None:
        line_length = default_summary_line_length(model)
    result.update(name=doc["name"], reference="keras", summary_line_length=int(line_length),
                  summary=summary_text(model, line_length), provenance=provenance(keras))
    return result


def run_case_with_keras(case_dir):
    """Outputs of every run, output shapes, per-layer shapes and params, totals and the summary text
    of a case, computed by Keras from the case's own model.json, weights and inputs.

    Returns a JSON-able dict: {"name", "reference": "keras", "runs": [{"reset_states", "outputs":
    [{"shape", "dtype", "data"}]}], "output_shapes", "layers", "total_params", "trainable_params",
    "non_trainable_params", "summary", "summary_line_length", "provenance"}.
    Raises KerasUnavailable ("keras is not installed: install it into a virtual environment ...") or case_io.CaseError.
    """
    return case_io.jsonable_result(compute(case_dir))
