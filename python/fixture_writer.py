"""Writes one NumPy-reference case directory in the `rnnparity-fixture/1` format.

The layout copies the Keras reference cases (see fixtures/FORMAT.md):
w00.npy.., run0_in0.npy.., run0_out0.npy.., case.json indented by 2 with a
final newline, model.json as one compact line like Keras's to_json().
"""
import json
import os
import platform
import re
import shutil
import tempfile
from datetime import datetime, timezone

import numpy as np

FORMAT = "rnnparity-fixture/1"
_NAME = re.compile(r"^[a-z0-9_]+$")
# .gitignore already ignores this prefix, so an interrupted write leaves no
# untracked noise behind.
_TMP_PREFIX = ".rnnparity-tmp-"


def _utc_now():
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _save(path, array):
    a = np.asarray(array)
    if a.dtype.kind == "f":
        a = a.astype("<f4")
    elif a.dtype.kind in "biu":
        a = a.astype("<i8")
    else:
        raise TypeError(f"{path}: only numeric arrays belong in a fixture, got {a.dtype}")
    # np.ascontiguousarray makes a 0-d array 1-d (numpy < 2), and a scalar weight (Attention.scale) is ().
    np.save(path, np.ascontiguousarray(a).reshape(a.shape), allow_pickle=False)


def _comparable(case_dir):
    """Every file's bytes, with case.json's provenance.created blanked out."""
    files = {}
    for entry in sorted(os.listdir(case_dir)):
        with open(os.path.join(case_dir, entry), "rb") as f:
            data = f.read()
        if entry == "case.json":
            try:
                doc = json.loads(data)
                doc["provenance"]["created"] = None
                data = json.dumps(doc, indent=2).encode("utf-8")
            except (ValueError, KeyError, TypeError):
                pass  # unreadable old case: compare raw bytes, which differ
        files[entry] = data
    return files


def tmp_prefix(kind, name):
    """Prefix of a temporary directory beside case `name`: kind "new" (being written) or "old" (set aside).

    Case names match [a-z0-9_]+ and mkdtemp suffixes use [a-z0-9_], so
    `.rnnparity-tmp-<kind>-<name>-<suffix>` parses back unambiguously.
    """
    return f"{_TMP_PREFIX}{kind}-{name}-"


def parse_tmp_name(entry):
    """(kind, case name) of a temporary directory name, or None if it is not one of ours."""
    if not entry.startswith(_TMP_PREFIX):
        return None
    parts = entry[len(_TMP_PREFIX):].split("-")
    if len(parts) != 3 or parts[0] not in ("new", "old") or not _NAME.match(parts[1]):
        return None
    return parts[0], parts[1]


def is_tmp_dir_name(entry):
    return entry.startswith(_TMP_PREFIX)


def _swap_in(tmp_dir, final_dir):
    """Replace final_dir by tmp_dir so that a failure keeps the old case whole.

    Between the two renames the old case lives in `.rnnparity-tmp-old-<name>-*`
    beside it; recover_leftovers() puts it back if a crash struck right there.
    """
    if not os.path.exists(final_dir):
        os.rename(tmp_dir, final_dir)
        return
    name = os.path.basename(os.path.normpath(final_dir))
    aside = tempfile.mkdtemp(prefix=tmp_prefix("old", name), dir=os.path.dirname(final_dir))
    os.rmdir(aside)
    os.rename(final_dir, aside)
    try:
        os.rename(tmp_dir, final_dir)
    except BaseException:
        os.rename(aside, final_dir)
        raise
    shutil.rmtree(aside)


def save_array(path, array):
    """Save keeping float32/float64/int32/int64 as they are (little-endian, C order);
    other floats become float32 and other integers int64; anything else is refused."""
    a = np.asarray(array)
    if a.dtype.kind == "f":
        a = a.astype("<f8" if a.dtype.itemsize == 8 else "<f4")
    elif a.dtype.kind in "biu":
        a = a.astype("<i4" if a.dtype.kind == "i" and a.dtype.itemsize == 4 else "<i8")
    else:
        raise TypeError(f"{path}: only numeric arrays belong in a fixture, got {a.dtype}")
    # np.ascontiguousarray makes a 0-d array 1-d (numpy < 2), and a scalar weight (Attention.scale) is ().
    np.save(path, np.ascontiguousarray(a).reshape(a.shape), allow_pickle=False)


def replace_case(final_dir, populate):
    """Atomically replace (or create) the case directory final_dir.

    populate(tmp_dir) writes the complete new case into a fresh temporary
    directory beside final_dir; then the directory is swapped in. If populate
    or the swap fails, the temporary directory is removed and final_dir is
    left exactly as it was.
    """
    final_dir = os.path.normpath(os.fspath(final_dir))
    name = os.path.basename(final_dir)
    tmp_dir = tempfile.mkdtemp(prefix=tmp_prefix("new", name), dir=os.path.dirname(final_dir))
    try:
        populate(tmp_dir)
        _swap_in(tmp_dir, final_dir)
    except BaseException:
        shutil.rmtree(tmp_dir, ignore_errors=True)
        raise


def find_leftovers(root):
    """Temporary directories under root (recursively) that an interrupted write left behind."""
    found = []
    for dirpath, dirnames, _ in os.walk(root):
        for d in sorted(dirnames):
            if is_tmp_dir_name(d):
                found.append(os.path.join(dirpath, d))
        dirnames[:] = sorted(d for d in dirnames if not is_tmp_dir_name(d))
    return found


def recover_leftovers(leftovers, apply=True):
    """Decide (and with apply, do) what to do with each leftover temporary directory.

    * "old-<name>" with no <name> beside it: a swap stopped after setting the
      committed case aside; it is renamed back to <name> ("restored").
    * "old-<name>" with <name> present: the new case was swapped in and only
      the clean-up was lost; it is deleted ("removed").
    * "new-<name>": an unfinished new case, never the committed one; deleted.
    * anything else with our prefix: left alone and reported ("unknown").
    Returns [{"path", "case", "action", "applied"}].
    """
    actions = []
    for path in leftovers:
        if not os.path.isdir(path):
            continue  # already handled (listed under two overlapping roots)
        parsed = parse_tmp_name(os.path.basename(path))
        if parsed is None:
            actions.append({"path": path, "case": None, "action": "unknown", "applied": False})
            continue
        kind, name = parsed
        case_dir = os.path.join(os.path.dirname(path), name)
        if kind == "old" and not os.path.exists(case_dir):
            action = "restore"
            if apply:
                os.rename(path, case_dir)
        else:
            action = "remove"
            if apply:
                shutil.rmtree(path)
        actions.append({"path": path, "case": case_dir, "action": action, "applied": bool(apply)})
    return actions


def write_case(out_root, name, description, seed, model_json, weights, runs,
               expected, tolerance, draw, generator="make_numpy_fixtures.py"):
    """Write case `name` under out_root; return True if written, False if unchanged.

    weights:  list of (path, layer, name, array) in get_weights() order
    runs:     list of {"reset_states": bool, "inputs": [arrays], "outputs": [arrays]}
    expected: {"output_shapes", "layers", "total_params", "trainable_params",
               "non_trainable_params"}; summary fields are set to null here
    tolerance: {"atol", "rtol"}
    When only provenance.created would change, the old directory is left as is.
    """
    if not _NAME.match(name):
        raise ValueError(f"case name {name!r} must match [a-z0-9_]+")
    os.makedirs(out_root, exist_ok=True)
    final_dir = os.path.join(out_root, name)

    case = {
        "format": FORMAT,
        "name": name,
        "description": description,
        "reference": "numpy",
        "seed": int(seed),
        "dtype": "float32",
        "provenance": {
            "generator": generator,
            "python": platform.python_version(),
            "numpy": np.__version__,
            "created": _utc_now(),
            "draw": draw,
        },
        "model": "model.json",
        "weights": [],
        "runs": [],
        "expected": dict(expected, summary=None, summary_line_length=None),
        "tolerance": {"atol": tolerance["atol"], "rtol": tolerance["rtol"]},
    }

    tmp_dir = tempfile.mkdtemp(prefix=tmp_prefix("new", name), dir=out_root)
    try:
        for k, (path, layer, wname, array) in enumerate(weights):
            file = f"w{k:02d}.npy"
            _save(os.path.join(tmp_dir, file), array)
            case["weights"].append({"path": path, "layer": layer, "name": wname, "file": file})
        for r, run in enumerate(runs):
            entry = {"reset_states": bool(run.get("reset_states", False)), "inputs": [], "outputs": []}
            for kind, tag, key in (("inputs", "in", "input"), ("outputs", "out", "output")):
                for i, array in enumerate(run[kind]):
                    file = f"run{r}_{tag}{i}.npy"
                    _save(os.path.join(tmp_dir, file), array)
                    entry[kind].append({"name": f"{key}_{i}", "file": file})
            case["runs"].append(entry)
        with open(os.path.join(tmp_dir, "model.json"), "w", encoding="utf-8", newline="\n") as f:
            f.write(json.dumps(model_json))
        with open(os.path.join(tmp_dir, "case.json"), "w", encoding="utf-8", newline="\n") as f:
            f.write(json.dumps(case, indent=2) + "\n")

        if os.path.isdir(final_dir) and _comparable(final_dir) == _comparable(tmp_dir):
            shutil.rmtree(tmp_dir)
            return False
        _swap_in(tmp_dir, final_dir)
        return True
    except BaseException:
        shutil.rmtree(tmp_dir, ignore_errors=True)
        raise


def write_case_files(out_root, name, case, arrays, texts=None, model_text=None):
    """Write a complete case from ready parts; True if written, False if only `created` would change.

    case:       the case.json document (written indented by 2 with a final newline)
    arrays:     {file name: array}, saved with save_array (float32/int32 kept as they are)
    texts:      {file name: str} written as UTF-8 with "\\n" line ends (summary.txt)
    model_text: model.json exactly as Keras's to_json() returned it
    """
    if not _NAME.match(name):
        raise ValueError(f"case name {name!r} must match [a-z0-9_]+")
    os.makedirs(out_root, exist_ok=True)
    final_dir = os.path.join(out_root, name)

    def populate(tmp_dir):
        for file, array in arrays.items():
            save_array(os.path.join(tmp_dir, file), array)
        for file, text in dict(texts or {}, **({case["model"]: model_text} if model_text is not None else {})).items():
            with open(os.path.join(tmp_dir, file), "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
        with open(os.path.join(tmp_dir, "case.json"), "w", encoding="utf-8", newline="\n") as f:
            f.write(json.dumps(case, indent=2) + "\n")
        if os.path.isdir(final_dir) and _comparable(final_dir) == _comparable(tmp_dir):
            raise _Unchanged()

    try:
        replace_case(final_dir, populate)
    except _Unchanged:
        return False
    return True


class _Unchanged(Exception):
    """Raised inside populate to drop a rewrite that would only change provenance.created."""
