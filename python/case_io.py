"""Reading one `rnnparity-fixture/1` case directory (see fixtures/FORMAT.md).

Shared by numpy_runner, keras_reference and regen. Every failure is a CaseError
whose message names the case, the file and the field, so one bad case can be
reported and the others still processed.
"""
import json
import os
import re

import numpy as np

FORMAT = "rnnparity-fixture/1"
_PLAIN = re.compile(r"^[^/\\]+$")
ALLOWED_DTYPES = {"<f4", "<f8", "<i4", "<i8"}


class CaseError(Exception):
    """A case that cannot be read or built; the message says which case, file and field."""


def case_name(case_dir):
    return os.path.basename(os.path.normpath(os.fspath(case_dir)))


def fail(case_dir, file, field, problem):
    where = f"{file}" + (f", field {field}" if field else "")
    raise CaseError(f"case {case_name(case_dir)}: {where}: {problem}")


def plain_file(case_dir, file, field):
    if not isinstance(file, str) or not _PLAIN.match(file) or file in (".", "..") or os.path.isabs(file):
        fail(case_dir, "case.json", field, f"{file!r} is not a plain file name inside the case directory")
    return os.path.join(case_dir, file)


def read_json(case_dir, file, field=None):
    path = plain_file(case_dir, file, field or "file")
    try:
        with open(path, "r", encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        fail(case_dir, file, None, "missing")
    except (ValueError, UnicodeDecodeError) as e:
        fail(case_dir, file, None, f"not valid JSON ({e})")


def load_array(case_dir, file, field):
    path = plain_file(case_dir, file, field)
    try:
        a = np.load(path, allow_pickle=False)
    except FileNotFoundError:
        fail(case_dir, file, field, "missing")
    except (ValueError, OSError) as e:
        fail(case_dir, file, field, f"not a readable .npy file ({e})")
    if a.dtype.str not in ALLOWED_DTYPES:
        fail(case_dir, file, field, f"dtype {a.dtype.str} is not one of float32, float64, int32, int64")
    return a


def read_case(case_dir):
    """case.json checked for the fields every reader needs; returns the parsed document."""
    case_dir = os.fspath(case_dir)
    doc = read_json(case_dir, "case.json")
    if not isinstance(doc, dict):
        fail(case_dir, "case.json", None, "not a JSON object")
    if doc.get("format") != FORMAT:
        fail(case_dir, "case.json", "format", f"{doc.get('format')!r} is not {FORMAT!r}")
    for field, kind in (("name", str), ("reference", str), ("model", str), ("weights", list),
                        ("runs", list), ("expected", dict), ("tolerance", dict)):
        if not isinstance(doc.get(field), kind):
            fail(case_dir, "case.json", field, f"missing or not a {kind.__name__}")
    if doc["reference"] not in ("keras", "numpy"):
        fail(case_dir, "case.json", "reference", f"{doc['reference']!r} is neither 'keras' nor 'numpy'")
    for i, run in enumerate(doc["runs"]):
        if not isinstance(run, dict) or not isinstance(run.get("inputs"), list) \
                or not isinstance(run.get("outputs"), list):
            fail(case_dir, "case.json", f"runs[{i}]", "needs inputs and outputs lists")
    for key in ("atol", "rtol"):
        if not isinstance(doc["tolerance"].get(key), (int, float)):
            fail(case_dir, "case.json", f"tolerance.{key}", "missing or not a number")
    return doc


def load_weights(case_dir, doc):
    """[(entry, array)] in get_weights() order."""
    out = []
    for i, w in enumerate(doc["weights"]):
        if not isinstance(w, dict) or "file" not in w:
            fail(case_dir, "case.json", f"weights[{i}]", "needs a file")
        out.append((w, load_array(case_dir, w["file"], f"weights[{i}].file")))
    return out


def load_run_inputs(case_dir, doc):
    """[[array per model input] per run]."""
    runs = []
    for r, run in enumerate(doc["runs"]):
        runs.append([load_array(case_dir, e.get("file") if isinstance(e, dict) else None,
                                f"runs[{r}].inputs[{i}].file")
                     for i, e in enumerate(run["inputs"])])
    return runs


def load_run_outputs(case_dir, doc):
    runs = []
    for r, run in enumerate(doc["runs"]):
        runs.append([load_array(case_dir, e.get("file") if isinstance(e, dict) else None,
                                f"runs[{r}].outputs[{i}].file")
                     for i, e in enumerate(run["outputs"])])
    return runs


def read_summary(case_dir, doc):
    """The committed summary text, or None when the case has none."""
    file = doc["expected"].get("summary")
    if file is None:
        return None
    path = plain_file(case_dir, file, "expected.summary")
    try:
        with open(path, "r", encoding="utf-8", newline="") as f:
            return f.read()
    except FileNotFoundError:
        fail(case_dir, file, "expected.summary", "missing")


def jsonable_result(result):
    """A computed result with its output arrays turned into {"shape", "dtype", "data"} (nested lists)."""
    out = dict(result)
    out["runs"] = [dict(run, outputs=[{"shape": list(a.shape), "dtype": str(a.dtype), "data": a.tolist()}
                                      for a in run["outputs"]])
                   for run in result["runs"]]
    return out
