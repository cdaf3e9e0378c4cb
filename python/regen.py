#!/usr/bin/env python3
"""Recomputes the expected values of fixture cases and rewrites them, or checks them for drift.

    python3 python/regen.py [--check] [--json FILE] [PATH...]      (default PATH: the repo's fixtures/)

Every directory holding a case.json under the PATHs (recursively, sorted) is
recomputed by its reference: Keras (keras_reference) or NumPy (numpy_runner),
from the case's own model.json, weights and inputs.

Without --check the case's outputs, output shapes, layer shapes and params,
totals and summary are rewritten atomically (fixture_writer.replace_case: a
temporary directory swapped in; a failure leaves the committed case whole); a
case whose recomputed values are bit-identical is not touched at all (no new
`created` stamp). With --check nothing is written; each output is reported
with its max abs error and max float32 ULP distance. Drift is an output beyond
the case's tolerance (|a - e| <= atol + rtol * |e|; NaN matches only NaN, inf
only the same inf), a changed output shape, or a changed parameter count,
layer shape or summary text; bit-level changes within tolerance are listed but
are not drift.

Keras cases are skipped, with the reason and the virtual-environment route to keras, where
keras does not import; NumPy cases still run. A bad case is reported with
status "error" and never stops the others.

Interrupted writes: temporary directories `.rnnparity-tmp-new-<case>-*` and
set-aside old cases `.rnnparity-tmp-old-<case>-*` are found by the next run.
Without --check they are recovered (a set-aside case whose directory is
missing is renamed back; everything else of ours is deleted) and listed under
"recovered"; with --check they are only listed under "leftovers", and a case
that exists only set aside is an error.

Exit codes of main: 0 no drift; 1 drift found by --check; 2 usage error, a case
with status error, or nothing checked. Library functions never exit
(pythonnet calls them in-process).
"""
import argparse
import json
import os
import platform
import shutil
import sys
from datetime import datetime, timezone

import numpy as np

import case_io
import fixture_writer
import keras_reference
import numpy_runner

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_FIXTURES = os.path.join(REPO_ROOT, "fixtures")
_META = ("output_shapes", "layers", "total_params", "trainable_params", "non_trainable_params")


# ---------------------------------------------------------------- comparison

def _ordered_f32(x):
    i = np.ascontiguousarray(x, dtype=np.float32).view(np.int32).astype(np.int64)
    return np.where(i < 0, -(i & 0x7FFFFFFF), i)


def compare_arrays(actual, expected, atol, rtol):
    """{"max_abs_error", "max_ulps", "within_tolerance", "shape_changed", "bit_identical", "nonfinite_mismatches"}.

    max_ulps is the float32 ULP distance (integers: the plain difference); NaN
    against NaN counts as 0, NaN against a number is a non-finite mismatch.
    """
    a, e = np.asarray(actual), np.asarray(expected)
    if a.shape != e.shape:
        return {"max_abs_error": None, "max_ulps": None, "within_tolerance": False, "shape_changed": True,
                "bit_identical": False, "nonfinite_mismatches": 0,
                "actual_shape": list(a.shape), "expected_shape": list(e.shape)}
    bit_identical = a.dtype == e.dtype and a.tobytes() == e.tobytes()
    if a.size == 0:
        return {"max_abs_error": 0.0, "max_ulps": 0, "within_tolerance": True, "shape_changed": False,
                "bit_identical": bit_identical, "nonfinite_mismatches": 0}
    a64, e64 = a.astype(np.float64), e.astype(np.float64)
    a_nan, e_nan = np.isnan(a64), np.isnan(e64)
    nonfinite = ~np.isfinite(a64) | ~np.isfinite(e64)
    with np.errstate(invalid="ignore", over="ignore"):
        diff = np.abs(a64 - e64)
        ok = diff <= atol + rtol * np.abs(e64)
    # NaN only matches NaN; an infinity only matches the same infinity.
    ok = np.where(nonfinite, np.where(a_nan | e_nan, a_nan & e_nan, a64 == e64), ok)
    matched_nonfinite = nonfinite & (a_nan & e_nan | (a64 == e64))
    mismatched_nonfinite = nonfinite & ~matched_nonfinite
    finite = ~nonfinite
    max_abs = float(diff[finite].max()) if finite.any() else 0.0
    if a.dtype.kind in "iub" and e.dtype.kind in "iub":
        ulps = np.abs(a.astype(np.int64) - e.astype(np.int64))
    else:
        ulps = np.abs(_ordered_f32(a) - _ordered_f32(e))
        ulps = np.where(a_nan & e_nan, 0, ulps)
    considered = ~mismatched_nonfinite & ~(a_nan | e_nan)
    max_ulps = int(ulps[considered].max()) if considered.any() else 0
    return {"max_abs_error": max_abs, "max_ulps": max_ulps, "within_tolerance": bool(ok.all()),
            "shape_changed": False, "bit_identical": bool(bit_identical),
            "nonfinite_mismatches": int(mismatched_nonfinite.sum())}


def _normalised(array):
    """The array as fixture_writer.save_array would store it."""
    a = np.asarray(array)
    if a.dtype.kind == "f":
        return a.astype("<f8" if a.dtype.itemsize == 8 else "<f4")
    if a.dtype.kind in "biu":
        return a.astype("<i4" if a.dtype.kind == "i" and a.dtype.itemsize == 4 else "<i8")
    return a


def compare_case(case_dir, doc, result, check):
    """(outputs, changes, drift, bits_changed) between a recomputed result and the committed case."""
    atol, rtol = float(doc["tolerance"]["atol"]), float(doc["tolerance"]["rtol"])
    committed = case_io.load_run_outputs(case_dir, doc)
    outputs, changes, drift, bits = [], [], False, False
    if len(result["runs"]) != len(committed):
        changes.append(f"runs: {len(committed)} committed, {len(result['runs'])} recomputed")
        drift = True
    for r, (run, expected) in enumerate(zip(result["runs"], committed)):
        if len(run["outputs"]) != len(expected):
            changes.append(f"run {r}: {len(expected)} outputs committed, {len(run['outputs'])} recomputed")
            drift = True
        for i, (a, e) in enumerate(zip(run["outputs"], expected)):
            c = compare_arrays(_normalised(a), e, atol, rtol)
            entry = {"run": r, "output": i, "file": doc["runs"][r]["outputs"][i]["file"],
                     "max_abs_error": c["max_abs_error"], "max_ulps": c["max_ulps"],
                     "within_tolerance": c["within_tolerance"], "shape_changed": c["shape_changed"],
                     "bit_identical": c["bit_identical"]}
            if c["nonfinite_mismatches"]:
                entry["nonfinite_mismatches"] = c["nonfinite_mismatches"]
            outputs.append(entry)
            if c["shape_changed"]:
                changes.append(f"run {r} output {i}: shape {c['expected_shape']} -> {c['actual_shape']}")
                drift = True
            elif not c["within_tolerance"]:
                changes.append(f"run {r} output {i}: beyond tolerance (max abs error {c['max_abs_error']:.3g}, "
                               f"max ulps {c['max_ulps']}, atol {atol:g}, rtol {rtol:g})")
                drift = True
            elif not c["bit_identical"]:
                changes.append(f"run {r} output {i}: bits changed within tolerance (max abs error "
                               f"{c['max_abs_error']:.3g}, max ulps {c['max_ulps']})")
                bits = True
    expected = doc["expected"]
    for key in _META:
        if expected.get(key) != result[key]:
            changes.append(f"expected.{key}: {json.dumps(expected.get(key))} -> {json.dumps(result[key])}")
            drift = True
    if result.get("summary") is not None:
        old = case_io.read_summary(case_dir, doc)
        if old is None:
            changes.append("summary: none committed, Keras printed one")
            drift = True
        elif old.replace("\r\n", "\n") != result["summary"]:
            old_lines, new_lines = old.replace("\r\n", "\n").split("\n"), result["summary"].split("\n")
            k = next((k for k, (x, y) in enumerate(zip(old_lines, new_lines)) if x != y),
                     min(len(old_lines), len(new_lines)))
            changes.append(f"summary text changed at line {k + 1}")
            drift = True
    return outputs, changes, drift, bits


# ---------------------------------------------------------------- rewriting

def _utc_now():
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def rewrite_case(case_dir, doc, result):
    """Write the recomputed expectations into case_dir atomically (weights, inputs, model kept)."""
    new = json.loads(json.dumps(doc))  # deep copy, key order kept
    prov = new.setdefault("provenance", {})
    for key, value in (result.get("provenance") or {}).items():
        prov[key] = value
    prov["python"] = platform.python_version()
    prov["numpy"] = np.__version__
    prov["created"] = _utc_now()
    for key in _META:
        new["expected"][key] = result[key]
    if result.get("summary") is not None:
        new["expected"]["summary"] = new["expected"].get("summary") or "summary.txt"
        new["expected"]["summary_line_length"] = result["summary_line_length"]
    old_outputs = {e["file"] for run in doc["runs"] for e in run["outputs"]}
    new["runs"] = []
    outputs = []
    for r, run in enumerate(result["runs"]):
        base = doc["runs"][r] if r < len(doc["runs"]) else {"reset_states": run["reset_states"], "inputs": []}
        entries = []
        for i, array in enumerate(run["outputs"]):
            old = base.get("outputs", [])
            file = old[i]["file"] if i < len(old) else f"run{r}_out{i}.npy"
            case_io.plain_file(case_dir, file, f"runs[{r}].outputs[{i}].file")
            entries.append({"name": old[i]["name"] if i < len(old) else f"output_{i}", "file": file})
            outputs.append((file, array))
        new["runs"].append(dict(base, outputs=entries))

    def populate(tmp_dir):
        for entry in sorted(os.listdir(case_dir)):
            src = os.path.join(case_dir, entry)
            if entry in old_outputs or entry == "case.json" or not os.path.isfile(src):
                continue
            shutil.copyfile(src, os.path.join(tmp_dir, entry))
        for file, array in outputs:
            fixture_writer.save_array(os.path.join(tmp_dir, file), array)
        if result.get("summary") is not None:
            with open(os.path.join(tmp_dir, new["expected"]["summary"]), "w", encoding="utf-8", newline="\n") as f:
                f.write(result["summary"])
        with open(os.path.join(tmp_dir, "case.json"), "w", encoding="utf-8", newline="\n") as f:
            f.write(json.dumps(new, indent=2) + "\n")

    fixture_writer.replace_case(case_dir, populate)


# ---------------------------------------------------------------- discovery

def _leftovers_for(path):
    """Leftover temporary directories that belong to `path` or lie under it."""
    found = []
    parent, name = os.path.dirname(os.path.abspath(path)), os.path.basename(os.path.normpath(path))
    if os.path.isdir(parent):
        for entry in sorted(os.listdir(parent)):
            parsed = fixture_writer.parse_tmp_name(entry)
            if parsed and parsed[1] == name and os.path.isdir(os.path.join(parent, entry)):
                found.append(os.path.join(os.path.dirname(path) or ".", entry))
    if os.path.isdir(path):
        found += fixture_writer.find_leftovers(path)
    return found


def discover(path):
    """Sorted case directories under path (path itself if it is one); temporary dirs are never cases."""
    if os.path.isfile(os.path.join(path, "case.json")):
        return [path]
    cases = []
    for dirpath, dirnames, filenames in os.walk(path):
        if "case.json" in filenames and dirpath != path:
            cases.append(dirpath)
            dirnames[:] = []
            continue
        dirnames[:] = sorted(d for d in dirnames if not fixture_writer.is_tmp_dir_name(d))
    return sorted(cases)


# ---------------------------------------------------------------- one case

def _entry(name, path, reference, status, message="", outputs=None, changes=None):
    return {"name": name, "path": path, "reference": reference, "status": status, "message": message,
            "outputs": outputs or [], "changes": changes or []}


def process_case(case_dir, check, keras_state):
    name = case_io.case_name(case_dir)
    try:
        doc = case_io.read_case(case_dir)
    except case_io.CaseError as e:
        return _entry(name, case_dir, None, "error", str(e))
    reference = doc["reference"]
    if reference == "keras":
        if keras_state.get("ok") is None:
            keras_state["ok"], keras_state["message"] = keras_reference.keras_available()
        if not keras_state["ok"]:
            return _entry(name, case_dir, reference, "skipped", f"skipped: {keras_state['message']}")
    try:
        if reference == "keras":
            result = keras_reference.compute(case_dir)
        else:
            result = numpy_runner.compute(case_dir)
        outputs, changes, drift, bits = compare_case(case_dir, doc, result, check)
    except case_io.CaseError as e:
        return _entry(name, case_dir, reference, "error", str(e))
    except keras_reference.KerasUnavailable as e:
        return _entry(name, case_dir, reference, "skipped", f"skipped: {e}")
    except Exception as e:  # a reference that crashes on this case must not stop the others
        return _entry(name, case_dir, reference, "error",
                      f"case {name}: {reference} reference failed: {type(e).__name__}: {e}")
    entry = _entry(name, case_dir, reference, "", outputs=outputs, changes=changes)
    entry["drift"] = drift
    if check:
        entry["status"] = "drift" if drift else "changed_within_tolerance" if bits else "ok"
        entry["message"] = "; ".join(c for c in changes) if changes else "matches"
        return entry
    if not changes:
        entry["status"], entry["message"] = "unchanged", "bit-identical, not touched"
        return entry
    try:
        rewrite_case(case_dir, doc, result)
    except Exception as e:
        entry["status"] = "error"
        entry["message"] = f"case {name}: rewrite failed, committed case left as it was: {type(e).__name__}: {e}"
        return entry
    entry["status"] = "rewritten"
    entry["message"] = "rewritten: " + "; ".join(changes)
    return entry


# ---------------------------------------------------------------- driver

def regen(paths, check=False, fixtures_root=None, progress=None):
    """Recompute (and without check, rewrite) every case under paths; returns the report dict.

    paths: files or directories; empty or None means fixtures_root (default: the repo's fixtures/).
    Report: {"cases": [{"name", "path", "reference", "status", "message", "outputs": [{"run",
    "output", "file", "max_abs_error", "max_ulps", "within_tolerance", "shape_changed",
    "bit_identical"}], "changes": [str]}], "checked", "drift", "skipped", "errors", "rewritten",
    "leftovers": [...], "recovered": [...], "check": bool}.
    status: unchanged | rewritten (write mode), ok | changed_within_tolerance | drift (check mode),
    skipped (keras not importable), error (unreadable or unbuildable case, missing path).
    progress: called as progress(done, total, name) after each case (the CLI's progress bar).
    """
    paths = [os.fspath(p) for p in (paths or [fixtures_root or DEFAULT_FIXTURES])]
    cases, report_cases, leftovers, recovered = [], [], [], []
    for path in paths:
        found = _leftovers_for(path)
        actions = fixture_writer.recover_leftovers(found, apply=False)
        if check:
            leftovers += actions
            for a in actions:
                if a["action"] == "restore":
                    name = os.path.basename(a["case"])
                    report_cases.append(_entry(
                        name, a["case"], None, "error",
                        f"case {name}: interrupted swap: the committed case is set aside in {a['path']}; "
                        f"run regen.py without --check to restore it"))
        else:
            try:
                recovered += fixture_writer.recover_leftovers(found, apply=True)
            except OSError as e:
                report_cases.append(_entry(os.path.basename(path), path, None, "error",
                                           f"could not recover leftovers under {path}: {e}"))
        if not os.path.exists(path):
            if not any(a["action"] == "restore" for a in actions):
                report_cases.append(_entry(os.path.basename(os.path.normpath(path)), path, None, "error",
                                           f"no such file or directory: {path}"))
            continue
        if os.path.isfile(path):
            path = os.path.dirname(path) or "."
        cases += discover(path)

    keras_state = {}
    seen, unique = set(), []
    for case_dir in sorted(cases):
        key = os.path.realpath(case_dir)
        if key not in seen:
            seen.add(key)
            unique.append(case_dir)
    for done, case_dir in enumerate(unique, 1):
        report_cases.append(process_case(case_dir, check, keras_state))
        if progress is not None:
            progress(done, len(unique), os.path.basename(case_dir))

    statuses = [c["status"] for c in report_cases]
    return {
        "check": bool(check),
        "cases": report_cases,
        "checked": sum(s in ("unchanged", "rewritten", "ok", "changed_within_tolerance", "drift") for s in statuses),
        "drift": sum(bool(c.get("drift")) for c in report_cases),
        "skipped": statuses.count("skipped"),
        "errors": statuses.count("error"),
        "rewritten": statuses.count("rewritten"),
        "leftovers": leftovers,
        "recovered": recovered,
    }


def exit_code(report):
    """0 no drift; 1 drift under --check; 2 an error or nothing checked."""
    if report["errors"] or report["checked"] == 0:
        return 2
    if report["check"] and report["drift"]:
        return 1
    return 0


def summary_line(report):
    return (f"{report['checked']} checked, {report['drift']} drift, {report['rewritten']} rewritten, "
            f"{report['skipped']} skipped, {report['errors']} errors")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="regen.py", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; report drift")
    parser.add_argument("--json", metavar="FILE", help="also write the report as JSON to FILE")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="case directories or trees (default: the repo's fixtures/)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse exits on usage errors and --help; a library must not
        return 2 if e.code else 0
    report = regen(args.paths, check=args.check)
    for c in report["cases"]:
        print(f"{c['status']:>24}  {c['name']}  ({c['reference'] or '?'})  {c['message']}")
    for a in report["leftovers"]:
        print(f"{'leftover':>24}  {a['path']}  (would {a['action']})")
    for a in report["recovered"]:
        print(f"{'recovered':>24}  {a['path']}  ({a['action']}d)")
    if args.json:
        try:
            with open(args.json, "w", encoding="utf-8") as f:
                json.dump(report, f, indent=2)
                f.write("\n")
        except OSError as e:
            print(f"error: cannot write {args.json}: {e}", file=sys.stderr)
            print(summary_line(report))
            return 2
    if report["checked"] == 0 and not report["errors"]:
        print("nothing checked", file=sys.stderr)
    print(summary_line(report))
    return exit_code(report)


if __name__ == "__main__":
    sys.exit(main())
