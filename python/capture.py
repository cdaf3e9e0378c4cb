#!/usr/bin/env python3
"""Captures a fixture case from a Keras model file: the model's own weights, seeded (or given)
inputs, and what Keras computes for them.

    python3 python/capture.py MODEL_FILE --out CASE_DIR [--input FILE.npy]... [--batch N]
                              [--timesteps T] [--seed S]

Keras loads the file (`.keras` or legacy `.h5`) with
`keras.saving.load_model(path, safe_mode=True, compile=False)`, the inputs are
drawn from `numpy.random.default_rng(seed)` (draw_inputs; see its rules) unless
given, the model runs once with `model(x, training=False)`, and the case is
written in the `rnnparity-fixture/1` format by fixture_writer.write_case_files
(a temporary folder swapped in whole: a failure leaves nothing, or the old
case, behind). `model.json` is `model.to_json()`; the weights are
`model.get_weights()`; shapes, parameter counts and summary come from
keras_reference, as for the catalogue's cases. `provenance.source` records the
file's name, size, sha256 and the Keras version that saved it.

The case name is the output folder's name, lower-cased, every other character
than [a-z0-9_] turned into "_" (case_name_for); since a case's name must equal
its directory's, the case is written to the sibling folder of that name when
they differ.

Refused before any Keras code runs (CaptureError, exit 2): a file that is not
there or is neither `.keras` nor `.h5`, a weights-only `.weights.h5`, a `.keras`
that is not a zip, and a model config holding a `Lambda` layer (Python code:
never executed, as Keras's safe_mode would refuse it). Keras's own safe_mode
refusals and load failures are CaptureError too. tf.keras 2 files whose
recurrent layers carry `time_major: false` (which Keras 3 refuses) are loaded
from a temporary copy with that key removed, and the case says so;
`time_major: true` is refused.

Exit codes of main: 0 written or unchanged; 2 CaptureError or usage; 3 keras does
not import. Library functions never exit (pythonnet calls them in-process).
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import zipfile
from datetime import datetime, timezone

import numpy as np

import fixture_writer
import keras_reference

DEFAULT_BATCH = 4
DEFAULT_TIMESTEPS = 12
DEFAULT_SEED = 0
# Real trained weights compound rounding over many steps; the shared wild-models cases use the same.
TOLERANCE = {"atol": 1e-5, "rtol": 1e-4}
VENV_HINT = ("Debian's system Python refuses 'pip install' (PEP 668); use a virtual environment: "
             "python3 -m venv ~/.venvs/keras && ~/.venvs/keras/bin/pip install keras numpy, "
             "then RNNPARITY_PYTHON=~/.venvs/keras/bin/python")
_CONFIG_LIMIT = 64 * 1024 * 1024  # a model config is kilobytes; bound what a hostile zip can make us inflate
_RNN_CLASSES = {"SimpleRNN", "LSTM", "GRU", "CuDNNLSTM", "CuDNNGRU", "RNN", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D"}


class CaptureError(Exception):
    """The model file or the options cannot be captured; the message names the file and the problem."""


# ---------------------------------------------------------------- naming

def case_name_for(out_dir):
    """The case name of output folder out_dir: its name lower-cased, other characters than [a-z0-9_] as "_"."""
    base = os.path.basename(os.path.normpath(os.fspath(out_dir)))
    if base in ("", ".", "..", os.sep):
        raise CaptureError(f"--out {out_dir!r}: needs a folder name to name the case after")
    return re.sub(r"[^a-z0-9_]", "_", base.lower())


def case_dir_for(out_dir):
    """Where the case is written: out_dir itself, or its sibling named case_name_for(out_dir)."""
    parent = os.path.dirname(os.path.abspath(os.fspath(out_dir)))
    return os.path.join(parent, case_name_for(out_dir))


# ---------------------------------------------------------------- input drawing (pure numpy)

def _time_axis(spec):
    """The axis holding timesteps: 1 for (batch, time, features...), and for (batch, time) ids."""
    rank = len(spec["shape"])
    if rank >= 3 or (rank == 2 and spec.get("embedding")):
        return 1
    return None


def resolve_shape(spec, batch=None, timesteps=None):
    """The concrete shape of one input: declared sizes kept, an unknown batch is `batch` (default 4),
    unknown timesteps `timesteps` (default 12); a given size that contradicts a declared one, or any
    other unknown size, is a CaptureError."""
    shape = list(spec["shape"])
    name = spec.get("name", "?")
    if not shape:
        raise CaptureError(f"input {name!r} is a scalar; capture needs (batch, ...) inputs")
    if batch is not None and shape[0] is not None and shape[0] != batch:
        raise CaptureError(f"input {name!r} has a fixed batch size {shape[0]} (batch_shape), --batch {batch} disagrees")
    shape[0] = shape[0] if shape[0] is not None else (batch if batch is not None else DEFAULT_BATCH)
    axis = _time_axis(spec)
    if axis is not None:
        if timesteps is not None and shape[axis] is not None and shape[axis] != timesteps:
            raise CaptureError(f"input {name!r} declares {shape[axis]} timesteps, --timesteps {timesteps} disagrees")
        if shape[axis] is None:
            shape[axis] = timesteps if timesteps is not None else DEFAULT_TIMESTEPS
    unknown = [i for i, d in enumerate(shape) if d is None]
    if unknown:
        raise CaptureError(f"input {name!r} has shape {_fmt(spec['shape'])} with an unknown size at axis "
                           f"{unknown[0]} that capture cannot choose; give the inputs with --input FILE.npy")
    return tuple(int(d) for d in shape)


def _fmt(shape):
    return "(" + ", ".join("None" if d is None else str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


def draw_inputs(specs, batch=None, timesteps=None, seed=DEFAULT_SEED):
    """The inputs for specs, in order, from numpy.random.default_rng(seed); returns (arrays, recipe).

    specs: [{"name", "shape": [int|None...], "dtype", "embedding": None | {"layer", "input_dim",
    "mask_zero"}}] in the model's input order (input_specs makes them from a Keras model).
    Float inputs: standard_normal(shape) cast to float32. Inputs an Embedding consumes (whatever
    their declared dtype: Keras 2 files feed ids through a float32 InputLayer): integers(1,
    input_dim, shape) as int32; with mask_zero, then rows 1, 3, 5, ... (half the rows) get
    integers(1, timesteps // 2 + 1) leading zeros each, drawn in one call, so every row keeps an id.
    Other integer inputs cannot be drawn (their range is unknown): CaptureError.
    """
    if timesteps is not None and not any(_time_axis(s) is not None for s in specs):
        raise CaptureError(f"--timesteps {timesteps} given, but no input has a time axis")
    rng = np.random.default_rng(seed)
    arrays, steps = [], []
    for i, spec in enumerate(specs):
        shape = resolve_shape(spec, batch, timesteps)
        emb = spec.get("embedding")
        if emb:
            input_dim = int(emb["input_dim"])
            if input_dim < 2:
                raise CaptureError(f"input {spec.get('name')!r} feeds Embedding {emb.get('layer')!r} with "
                                   f"input_dim {input_dim}: no id in [1, input_dim) to draw")
            a = rng.integers(1, input_dim, shape).astype(np.int32)
            step = f"run 0 input {i}: integers(1, {input_dim}, {_fmt(shape)}) int32"
            if emb.get("mask_zero") and len(shape) >= 2 and shape[1] >= 2:
                rows = list(range(1, shape[0], 2))
                if rows:
                    zeros = rng.integers(1, shape[1] // 2 + 1, len(rows))
                    for r, n in zip(rows, zeros):
                        a[r, :n] = 0
                    step += (f"; mask_zero: then rows {', '.join(map(str, rows))} get "
                             f"integers(1, {shape[1] // 2 + 1}, ({len(rows)},)) leading zeros")
        elif np.dtype(spec.get("dtype") or "float32").kind in "iub":
            raise CaptureError(f"input {spec.get('name')!r} has dtype {spec.get('dtype')} and feeds no Embedding, "
                               f"so capture cannot tell which values are valid; give it with --input FILE.npy")
        else:
            a = rng.standard_normal(shape).astype(np.float32)
            step = f"run 0 input {i}: standard_normal({_fmt(shape)}) cast to float32"
        arrays.append(a)
        steps.append(step)
    recipe = f"numpy.random.default_rng({seed}): " + "; ".join(steps)
    return arrays, recipe


def check_given_inputs(specs, arrays, files):
    """Given inputs: one per model input, declared sizes matched, float as float32, ids as int32/int64."""
    if len(arrays) != len(specs):
        raise CaptureError(f"the model has {len(specs)} input(s) ({', '.join(repr(s.get('name')) for s in specs)}), "
                           f"--input gave {len(arrays)}")
    out = []
    for spec, a, file in zip(specs, arrays, files):
        declared = spec["shape"]
        if a.ndim != len(declared) or any(d is not None and d != n for d, n in zip(declared, a.shape)):
            raise CaptureError(f"{file}: shape {_fmt(a.shape)} does not fit input {spec.get('name')!r} of shape {_fmt(declared)}")
        if a.dtype.kind == "f":
            a = a.astype(np.float32)
        elif a.dtype.kind in "iu":
            a = a.astype(np.int64 if a.dtype.itemsize == 8 else np.int32)
        else:
            raise CaptureError(f"{file}: dtype {a.dtype} is not a float or integer array")
        out.append(a)
    return out


def load_input_files(files):
    arrays = []
    for f in files:
        try:
            arrays.append(np.load(f, allow_pickle=False))
        except FileNotFoundError:
            raise CaptureError(f"--input {f}: no such file") from None
        except (ValueError, OSError) as e:
            raise CaptureError(f"--input {f}: not a readable .npy file ({e})") from None
    return arrays


# ---------------------------------------------------------------- the model file

def file_kind(path):
    """"keras" or "h5", or CaptureError saying what is wrong with the file."""
    path = os.fspath(path)
    if not os.path.exists(path):
        raise CaptureError(f"{path}: no such file")
    if not os.path.isfile(path):
        raise CaptureError(f"{path}: not a file")
    lower = path.lower()
    if lower.endswith(".weights.h5"):
        raise CaptureError(f"{path}: a weights-only file holds no architecture; capture the model file "
                           f"(.keras or .h5) saved with model.save()")
    if lower.endswith(".keras"):
        if not zipfile.is_zipfile(path):
            raise CaptureError(f"{path}: not a .keras file (not a zip archive; truncated or another format)")
        return "keras"
    if lower.endswith((".h5", ".hdf5")):
        with open(path, "rb") as f:
            magic = f.read(8)
        if magic != b"\x89HDF\r\n\x1a\n":
            raise CaptureError(f"{path}: not an HDF5 file (its signature is missing; truncated or another format)")
        return "h5"
    raise CaptureError(f"{path}: unknown model file type; capture reads Keras 3 .keras and legacy .h5 files")


def sha256_of(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _bounded_zip_text(path, member):
    with zipfile.ZipFile(path) as z:
        try:
            info = z.getinfo(member)
        except KeyError:
            return None
        if info.file_size > _CONFIG_LIMIT:
            raise CaptureError(f"{path}: {member} claims {info.file_size} bytes; refused (limit {_CONFIG_LIMIT})")
        with z.open(info) as f:
            data = f.read(_CONFIG_LIMIT + 1)
    if len(data) > _CONFIG_LIMIT:
        raise CaptureError(f"{path}: {member} inflates beyond {_CONFIG_LIMIT} bytes; refused")
    return data.decode("utf-8")


def read_file_config(path, kind):
    """(model config dict or None, metadata {"keras_version", "backend"}) read without building anything.

    .keras: config.json and metadata.json from the zip (size-bounded). .h5: the `model_config`,
    `keras_version` and `backend` attributes, through h5py (a dependency of keras, imported here
    only after keras imported).
    """
    try:
        if kind == "keras":
            text = _bounded_zip_text(path, "config.json")
            meta_text = _bounded_zip_text(path, "metadata.json")
            meta = json.loads(meta_text) if meta_text else {}
            config = json.loads(text) if text else None
            return config, {"keras_version": meta.get("keras_version"), "backend": meta.get("backend")}
        import h5py  # noqa: WPS433 -- keras depends on it; absent only where keras is
        with h5py.File(path, "r") as f:
            attrs = f.attrs

            def attr(name):
                v = attrs.get(name)
                return v.decode("utf-8") if isinstance(v, bytes) else (None if v is None else str(v))
            text = attr("model_config")
            meta = {"keras_version": attr("keras_version"), "backend": attr("backend")}
        return (json.loads(text) if text else None), meta
    except CaptureError:
        raise
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, UnicodeDecodeError) as e:
        raise CaptureError(f"{path}: cannot read the model config: {type(e).__name__}: {e}") from None


def _layers(node, where="model"):
    """Every (class_name, name, config, where) in a Keras config tree, wrapped layers included."""
    if isinstance(node, dict):
        if "class_name" in node and isinstance(node.get("config"), dict):
            name = node["config"].get("name")
            yield node["class_name"], name, node["config"], where
            where = f"{where} > {name}" if name else where
        for key, value in node.items():
            yield from _layers(value, where)
    elif isinstance(node, list):
        for value in node:
            yield from _layers(value, where)


def refuse_unsafe(path, config):
    """CaptureError for a Lambda layer (Python code in the file); nothing of it is executed."""
    for class_name, name, _, where in _layers(config):
        if class_name == "Lambda":
            raise CaptureError(f"{path}: layer {name!r} ({where}) is a Lambda layer, which holds Python code; "
                               f"refused, as Keras's safe_mode refuses it: the code is never executed. "
                               f"Replace it with a built-in layer to check this model")


def strip_time_major(config):
    """Removes `time_major: false` from recurrent layer configs (tf.keras 2 wrote it; Keras 3 refuses it).

    Returns the names of the layers changed; `time_major: true` (another memory layout) is a CaptureError.
    Changes config in place.
    """
    changed = []
    for class_name, name, layer_config, where in _layers(config):
        if "time_major" not in layer_config:
            continue
        if layer_config["time_major"]:
            raise CaptureError(f"layer {name!r} ({where}, {class_name}) has time_major=True: not supported yet")
        del layer_config["time_major"]
        changed.append(name)
    return changed


def keras2_hard_sigmoid(config, saved_by):
    """"layer.option" of every hard_sigmoid in a config saved by Keras 1/2, where it meant
    clip(0.2x + 0.5, 0, 1); Keras 3 computes relu6(x + 3) / 6 instead."""
    if config is None or not saved_by or not str(saved_by).startswith(("1.", "2.")):
        return []
    return [f"{name}.{key}" for _, name, layer_config, _ in _layers(config)
            for key in ("activation", "recurrent_activation") if layer_config.get(key) == "hard_sigmoid"]


def _h5_copy_without_time_major(path, config, tmp_dir):
    import h5py  # noqa: WPS433
    copy = os.path.join(tmp_dir, os.path.basename(path))
    shutil.copyfile(path, copy)
    with h5py.File(copy, "r+") as f:
        f.attrs["model_config"] = json.dumps(config)
    return copy


def load_model(keras, path, kind, config):
    """The Keras model of a file, loaded safe_mode=True, compile=False; (model, notes)."""
    notes = []
    tmp_dir = None
    load_path = path
    try:
        if kind == "h5" and config is not None:
            changed = strip_time_major(config)
            if changed:
                tmp_dir = tempfile.mkdtemp(prefix="rnnparity-capture-")
                load_path = _h5_copy_without_time_major(path, config, tmp_dir)
                notes.append(f"time_major removed from {', '.join(changed)} (tf.keras 2 wrote time_major: false, "
                             f"which Keras 3 refuses; false is Keras 3's only layout)")
        try:
            model = keras.saving.load_model(load_path, safe_mode=True, compile=False)
        except Exception as e:  # Keras raises many types for a bad or unsafe file; all mean "cannot capture it"
            text = f"{type(e).__name__}: {e}"
            if "safe_mode" in text:
                raise CaptureError(f"{path}: refused by Keras's safe_mode (the file holds code, never executed): {text}") from None
            raise CaptureError(f"{path}: Keras cannot load it: {text}") from None
    finally:
        if tmp_dir is not None:
            shutil.rmtree(tmp_dir, ignore_errors=True)
    return model, notes


# ---------------------------------------------------------------- what Keras knows about the model

def input_specs(model):
    """[{"name", "shape", "dtype", "embedding"}] of a built Keras model, in its input order.

    "embedding" names the first Embedding that consumes the input directly (its input_dim and
    mask_zero), found through the layers' inbound nodes; None otherwise.
    """
    try:
        inputs = list(model.inputs)
    except (AttributeError, ValueError) as e:
        raise CaptureError(f"the model has no defined inputs ({e}); capture needs a model built on Input layers") from None
    specs = []
    for t in inputs:
        embedding = None
        for layer in model.layers:
            if type(layer).__name__ != "Embedding":
                continue
            if any(any(x is t for x in node.input_tensors) for node in getattr(layer, "_inbound_nodes", [])):
                embedding = {"layer": layer.name, "input_dim": int(layer.input_dim), "mask_zero": bool(layer.mask_zero)}
                break
        specs.append({"name": getattr(t, "name", None), "shape": [None if d is None else int(d) for d in t.shape],
                      "dtype": str(getattr(t, "dtype", "float32")), "embedding": embedding})
    return specs


def weight_entries(model):
    """[(path, top-level layer, name)] of model.weights, which is model.get_weights() order."""
    owner = {}
    for layer in model.layers:
        for v in layer.weights:
            owner.setdefault(id(v), layer.name)
    return [(v.path, owner.get(id(v)), v.name) for v in model.weights]


# ---------------------------------------------------------------- the case

def _utc_now():
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def build_case(keras, model, name, inputs, recipe, seed, source, notes):
    """(case document, arrays, texts, model text) for fixture_writer.write_case_files."""
    result = keras_reference.evaluate(keras, model, [inputs], [False])
    line_length = keras_reference.default_summary_line_length(model)
    summary = keras_reference.summary_text(model, line_length)
    arrays, weights = {}, []
    for k, ((path, layer, wname), a) in enumerate(zip(weight_entries(model), model.get_weights())):
        file = f"w{k:02d}.npy"
        arrays[file] = a
        weights.append({"path": path, "layer": layer, "name": wname, "file": file})
    run = {"reset_states": False, "inputs": [], "outputs": []}
    for kind, tag, key, values in (("inputs", "in", "input", inputs), ("outputs", "out", "output", result["runs"][0]["outputs"])):
        for i, a in enumerate(values):
            file = f"run0_{tag}{i}.npy"
            arrays[file] = a
            run[kind].append({"name": f"{key}_{i}", "file": file})
    versions = keras_reference.provenance(keras)
    classes = " -> ".join(type(layer).__name__ for layer in model.layers)
    saved_by = source.get("keras_version") or "an unknown Keras version"
    description = f"Captured from {source['file']} (saved by keras {saved_by}): {classes}"
    if notes:
        description += " [" + "; ".join(notes) + "]"
    doc = {
        "format": fixture_writer.FORMAT, "name": name, "description": description,
        "reference": "keras", "seed": int(seed), "dtype": "float32",
        "provenance": {"generator": "capture.py", "python": versions["python"], "numpy": versions["numpy"],
                       "keras": versions["keras"], "keras_backend": versions["keras_backend"],
                       "created": _utc_now(), "rich": versions["rich"],
                       "draw": "weights are NOT drawn - they are the model file's own, in model.get_weights() order "
                               f"(w00.npy...); inputs: {recipe}",
                       "source": source},
        "model": "model.json", "weights": weights, "runs": [run],
        "expected": {k: result[k] for k in ("output_shapes", "layers", "total_params", "trainable_params",
                                            "non_trainable_params")},
        "tolerance": dict(TOLERANCE),
    }
    doc["expected"].update(summary="summary.txt", summary_line_length=int(line_length))
    return doc, arrays, {"summary.txt": summary}, model.to_json()


def _check_destination(case_dir):
    if os.path.exists(case_dir) and not os.path.isdir(case_dir):
        raise CaptureError(f"--out {case_dir}: exists and is not a folder")
    if os.path.isdir(case_dir) and os.listdir(case_dir) and not os.path.isfile(os.path.join(case_dir, "case.json")):
        raise CaptureError(f"--out {case_dir}: exists, is not empty and holds no case.json; "
                           f"refusing to replace it (a capture replaces only a case folder)")


def capture(model_file, out_dir, input_files=None, batch=None, timesteps=None, seed=DEFAULT_SEED):
    """Capture model_file into a case folder (see the module docstring); returns a JSON-able report.

    Report: {"name", "path", "written" (False: an identical case was already there), "description",
    "inputs": recipe, "notes": [str], "keras": version, "outputs": [shape...]}.
    Raises CaptureError (bad file, unsafe content, bad options or inputs) or
    keras_reference.KerasUnavailable (keras does not import).
    """
    model_file = os.path.abspath(os.fspath(model_file))
    input_files = [os.fspath(f) for f in (input_files or [])]
    if input_files and (batch is not None or timesteps is not None):
        raise CaptureError("--batch and --timesteps choose the drawn inputs; they cannot go with --input")
    for option, value in (("--batch", batch), ("--timesteps", timesteps)):
        if value is not None and int(value) < 1:
            raise CaptureError(f"{option} must be a positive integer, got {value}")
    name = case_name_for(out_dir)
    case_dir = case_dir_for(out_dir)
    _check_destination(case_dir)
    kind = file_kind(model_file)
    given = load_input_files(input_files)

    # A .keras config needs only zipfile, so a Lambda is refused even where keras is missing;
    # an .h5 config needs h5py, which comes with keras.
    config, meta = read_file_config(model_file, kind) if kind == "keras" else (None, {})
    if config is not None:
        refuse_unsafe(model_file, config)
    keras = keras_reference.import_keras()
    if kind == "h5":
        config, meta = read_file_config(model_file, kind)
        if config is not None:
            refuse_unsafe(model_file, config)
    keras.utils.clear_session()
    model, notes = load_model(keras, model_file, kind, config)
    loaded_with = list(notes)

    hard = keras2_hard_sigmoid(config, meta.get("keras_version"))
    if hard:
        notes.append(f"saved by Keras {meta.get('keras_version')} with hard_sigmoid in {', '.join(hard)}: Keras 2 computed "
                     f"clip(0.2x + 0.5, 0, 1), Keras 3 computes relu6(x + 3) / 6; this case holds Keras 3's values")
    specs = input_specs(model)
    if given:
        inputs = check_given_inputs(specs, given, input_files)
        recipe = "given: " + ", ".join(f"run 0 input {i}: {os.path.basename(f)}" for i, f in enumerate(input_files))
    else:
        inputs, recipe = draw_inputs(specs, batch, timesteps, seed)
    for spec in specs:
        if spec["embedding"] and np.dtype(spec["dtype"]).kind == "f":
            notes.append(f"input {spec['name']!r} is declared {spec['dtype']} and feeds Embedding "
                         f"{spec['embedding']['layer']!r}: the ids are cast, as Keras does")

    source = {"file": os.path.basename(model_file), "format": kind, "size": os.path.getsize(model_file),
              "sha256": sha256_of(model_file), "keras_version": meta.get("keras_version"),
              "backend": meta.get("backend")}
    if loaded_with:
        source["loaded_with"] = "; ".join(loaded_with)
    doc, arrays, texts, model_text = build_case(keras, model, name, inputs, recipe, seed, source, notes)
    written = fixture_writer.write_case_files(os.path.dirname(case_dir), name, doc, arrays, texts, model_text)
    return {"name": name, "path": case_dir, "written": bool(written), "description": doc["description"],
            "inputs": recipe, "notes": notes, "keras": keras_reference.keras_version(keras),
            "outputs": [list(np.shape(arrays[e["file"]])) for e in doc["runs"][0]["outputs"]]}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="capture.py", description=__doc__.splitlines()[0])
    parser.add_argument("model_file", metavar="MODEL_FILE")
    parser.add_argument("--out", required=True, metavar="CASE_DIR")
    parser.add_argument("--input", action="append", default=[], metavar="FILE.npy")
    parser.add_argument("--batch", type=int)
    parser.add_argument("--timesteps", type=int)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse exits on usage errors and --help; a library must not
        return 2 if e.code else 0
    try:
        report = capture(args.model_file, args.out, args.input, args.batch, args.timesteps, args.seed)
    except CaptureError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except keras_reference.KerasUnavailable as e:
        print(f"error: {e}\n{VENV_HINT}", file=sys.stderr)
        return 3
    print(f"{'written' if report['written'] else 'unchanged'}: case {report['name']} in {report['path']}")
    for note in report["notes"]:
        print(f"note: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
