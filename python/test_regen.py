"""regen.py, numpy_runner, keras_reference (skip path) and case_catalogue, on temporary copies of fixtures/.

Run: /usr/bin/python3 -m unittest discover -s python -p 'test_*.py'   (from the repo root)
"""
import contextlib
import io
import json
import os
import shutil
import sys
import tempfile
import unittest

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import case_catalogue  # noqa: E402
import case_io  # noqa: E402
import fixture_writer  # noqa: E402
import keras_reference  # noqa: E402
import numpy_runner  # noqa: E402
import regen  # noqa: E402

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NUMPY_FIXTURES = os.path.join(REPO_ROOT, "fixtures", "numpy")
KERAS_FIXTURES = os.path.join(REPO_ROOT, "fixtures", "keras")
KERAS_OK, KERAS_MESSAGE = keras_reference.keras_available()
INSTALL = "keras is not installed: " + keras_reference.INSTALL_HINT



class InstallHint(unittest.TestCase):
    def test_the_keras_hint_is_the_virtual_environment_route(self):
        hint = keras_reference.INSTALL_HINT
        for part in ("python3 -m venv ", "/bin/pip install keras", "RNNPARITY_PYTHON="):
            self.assertIn(part, hint)
        # every pip in the hint is the virtual environment's, never the system one (PEP 668 refuses it)
        self.assertNotRegex(hint, r"(^|[\s(])pip install")


class ProgressCallbacks(unittest.TestCase):
    def test_regen_reports_each_case_once_with_the_total(self):
        calls = []
        with tempfile.TemporaryDirectory() as tmp:
            names = sorted(os.listdir(NUMPY_FIXTURES))[:3]
            for n in names:
                shutil.copytree(os.path.join(NUMPY_FIXTURES, n), os.path.join(tmp, n))
            regen.regen([tmp, os.path.join(tmp, names[0])], check=True, progress=lambda *a: calls.append(a))
        self.assertEqual(calls, [(i + 1, len(names), n) for i, n in enumerate(names)])

    def test_generate_reports_each_case_with_the_total(self):
        calls = []
        names = [n for n in case_catalogue.case_names() if n.startswith("numpy_")][:2]
        with tempfile.TemporaryDirectory() as tmp:
            case_catalogue.generate(names, tmp, progress=lambda *a: calls.append(a))
        self.assertEqual(calls, [(i + 1, len(names), n) for i, n in enumerate(names)])


def snapshot(root):
    files = {}
    for dirpath, _, names in os.walk(root):
        for n in names:
            with open(os.path.join(dirpath, n), "rb") as f:
                files[os.path.relpath(os.path.join(dirpath, n), root)] = f.read()
    return files


def quiet(fn, *args):
    with contextlib.redirect_stdout(io.StringIO()) as out, contextlib.redirect_stderr(io.StringIO()) as err:
        code = fn(*args)
    return code, out.getvalue(), err.getvalue()


def by_name(report):
    return {c["name"]: c for c in report["cases"]}


class TempFixtures(unittest.TestCase):
    CASE = "numpy_lstm_last"

    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.root = os.path.join(self.tmp, "fixtures")
        shutil.copytree(NUMPY_FIXTURES, os.path.join(self.root, "numpy"))
        self.numpy = os.path.join(self.root, "numpy")

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def out_file(self, case=None):
        return os.path.join(self.numpy, case or self.CASE, "run0_out0.npy")

    def bump(self, delta=None, ulps=None, case=None):
        path = self.out_file(case)
        a = np.load(path)
        if ulps:
            a.flat[0] = np.nextafter(a.flat[0], np.float32(np.inf), dtype=np.float32)
        else:
            a.flat[0] = np.float32(a.flat[0] + delta)
        np.save(path, a)
        return a


class Check(TempFixtures):
    def test_clean_tree_has_no_drift(self):
        before = snapshot(self.root)
        report = regen.regen([self.root], check=True)
        self.assertEqual(report["checked"], len(os.listdir(self.numpy)))
        self.assertEqual((report["drift"], report["errors"], report["skipped"], report["rewritten"]), (0, 0, 0, 0))
        self.assertEqual({c["status"] for c in report["cases"]}, {"ok"})
        for c in report["cases"]:
            for o in c["outputs"]:
                self.assertEqual((o["max_abs_error"], o["max_ulps"], o["within_tolerance"]), (0.0, 0, True))
        self.assertEqual(snapshot(self.root), before)
        code, out, _ = quiet(regen.main, ["--check", self.root])
        self.assertEqual(code, 0)
        self.assertRegex(out.strip().splitlines()[-1], r"^\d+ checked, 0 drift, 0 rewritten, 0 skipped, 0 errors$")

    def test_value_beyond_tolerance_is_drift(self):
        self.bump(delta=0.01)
        report = regen.regen([self.root], check=True)
        case = by_name(report)[self.CASE]
        self.assertEqual(case["status"], "drift")
        self.assertEqual(report["drift"], 1)
        out = case["outputs"][0]
        self.assertEqual((out["run"], out["output"], out["within_tolerance"], out["shape_changed"]), (0, 0, False, False))
        self.assertAlmostEqual(out["max_abs_error"], 0.01, delta=1e-6)
        self.assertGreater(out["max_ulps"], 1000)
        self.assertIn("run 0 output 0: beyond tolerance", case["message"])
        others = [c for c in report["cases"] if c["name"] != self.CASE]
        self.assertTrue(others and all(c["status"] == "ok" for c in others))
        code, out_text, _ = quiet(regen.main, ["--check", self.root])
        self.assertEqual(code, 1)
        self.assertIn("1 drift", out_text.strip().splitlines()[-1])

    def test_change_within_tolerance_is_listed_not_drift(self):
        self.bump(ulps=1)
        report = regen.regen([self.root], check=True)
        case = by_name(report)[self.CASE]
        self.assertEqual(case["status"], "changed_within_tolerance")
        self.assertEqual(report["drift"], 0)
        self.assertEqual(case["outputs"][0]["max_ulps"], 1)
        self.assertTrue(case["outputs"][0]["within_tolerance"])
        self.assertFalse(case["outputs"][0]["bit_identical"])
        self.assertIn("bits changed within tolerance", case["changes"][0])
        self.assertEqual(quiet(regen.main, ["--check", self.root])[0], 0)

    def test_shape_and_params_changes_are_drift(self):
        path = os.path.join(self.numpy, self.CASE, "case.json")
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        doc["expected"]["total_params"] += 1
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, indent=2)
        out = self.out_file()
        np.save(out, np.load(out)[:1])
        case = by_name(regen.regen([self.root], check=True))[self.CASE]
        self.assertEqual(case["status"], "drift")
        self.assertTrue(case["outputs"][0]["shape_changed"])
        self.assertTrue(any(c.startswith("expected.total_params") for c in case["changes"]))

    def test_json_report_file(self):
        report_file = os.path.join(self.tmp, "report.json")
        self.assertEqual(quiet(regen.main, ["--check", "--json", report_file, self.numpy])[0], 0)
        with open(report_file, encoding="utf-8") as f:
            report = json.load(f)
        self.assertEqual(set(report) >= {"cases", "checked", "drift", "skipped", "errors", "rewritten"}, True)
        self.assertEqual(set(report["cases"][0]) >= {"name", "path", "reference", "status", "message", "outputs",
                                                     "changes"}, True)


class Rewrite(TempFixtures):
    def test_regen_restores_value_and_leaves_others_byte_identical(self):
        original = snapshot(self.root)
        self.bump(delta=0.01)
        report = regen.regen([self.root])
        self.assertEqual(by_name(report)[self.CASE]["status"], "rewritten")
        self.assertEqual(report["rewritten"], 1)
        self.assertEqual({c["status"] for c in report["cases"] if c["name"] != self.CASE}, {"unchanged"})
        after = snapshot(self.root)
        self.assertEqual(set(after), set(original))
        for rel in original:
            if rel != os.path.join("numpy", self.CASE, "case.json"):
                self.assertEqual(after[rel], original[rel], rel)
        with open(os.path.join(self.numpy, self.CASE, "case.json"), encoding="utf-8") as f:
            new_doc = json.load(f)
        old_doc = json.loads(original[os.path.join("numpy", self.CASE, "case.json")])
        new_doc["provenance"]["created"] = old_doc["provenance"]["created"]
        self.assertEqual(new_doc, old_doc)  # only the stamp moved
        # nothing left to do now: a second run touches nothing
        again = regen.regen([self.root])
        self.assertEqual({c["status"] for c in again["cases"]}, {"unchanged"})
        self.assertEqual(snapshot(self.root), after)
        self.assertFalse([d for d in os.listdir(self.numpy) if d.startswith(".rnnparity-tmp-")])

    def test_broken_model_json_is_an_error_and_others_still_run(self):
        with open(os.path.join(self.numpy, "numpy_gru_reset_after", "model.json"), "w") as f:
            f.write("{not json")
        before = snapshot(self.root)
        for check in (True, False):
            report = regen.regen([self.root], check=check)
            bad = by_name(report)["numpy_gru_reset_after"]
            self.assertEqual(bad["status"], "error")
            self.assertIn("case numpy_gru_reset_after", bad["message"])
            self.assertIn("model.json", bad["message"])
            self.assertEqual(report["errors"], 1)
            self.assertEqual(report["checked"], len(os.listdir(self.numpy)) - 1)
            self.assertEqual(snapshot(self.root), before)
        code, out, _ = quiet(regen.main, ["--check", self.root])
        self.assertEqual(code, 2)
        self.assertIn("1 errors", out.strip().splitlines()[-1])

    def test_unknown_layer_class_names_case_file_and_layer(self):
        path = os.path.join(self.numpy, self.CASE, "model.json")
        with open(path, encoding="utf-8") as f:
            model = json.load(f)
        model["config"]["layers"][1]["class_name"] = "ConvLSTM1D"
        with open(path, "w", encoding="utf-8") as f:
            json.dump(model, f)
        with self.assertRaises(case_io.CaseError) as cm:
            numpy_runner.run_case_with_numpy(os.path.join(self.numpy, self.CASE))
        msg = str(cm.exception)
        for part in (self.CASE, "model.json", "'lstm'", "ConvLSTM1D"):
            self.assertIn(part, msg)
        self.assertEqual(by_name(regen.regen([self.numpy], check=True))[self.CASE]["status"], "error")

    def test_failed_write_leaves_committed_case_intact(self):
        self.bump(delta=0.01)
        before = snapshot(self.root)
        real_save, calls = fixture_writer.save_array, []

        def failing_save(path, array):
            calls.append(path)
            real_save(path, array)  # the first file lands in the temp dir, then the writer dies
            raise OSError("disk full (simulated)")

        fixture_writer.save_array = failing_save
        try:
            report = regen.regen([os.path.join(self.numpy, self.CASE)])
        finally:
            fixture_writer.save_array = real_save
        self.assertTrue(calls and all(".rnnparity-tmp-new-" + self.CASE in p for p in calls))
        case = by_name(report)[self.CASE]
        self.assertEqual(case["status"], "error")
        self.assertIn("committed case left as it was", case["message"])
        self.assertEqual(snapshot(self.root), before)
        self.assertFalse([d for d in os.listdir(self.numpy) if d.startswith(".rnnparity-tmp-")])

    def test_failed_swap_puts_old_case_back(self):
        self.bump(delta=0.01)
        before = snapshot(self.root)
        real_rename, renames = os.rename, []

        def failing_rename(src, dst):
            renames.append((src, dst))
            if ".rnnparity-tmp-new-" in os.path.basename(src):
                raise OSError("rename failed (simulated)")
            real_rename(src, dst)

        os.rename = failing_rename
        try:
            report = regen.regen([os.path.join(self.numpy, self.CASE)])
        finally:
            os.rename = real_rename
        self.assertEqual(by_name(report)[self.CASE]["status"], "error")
        self.assertEqual(snapshot(self.root), before)
        self.assertFalse([d for d in os.listdir(self.numpy) if d.startswith(".rnnparity-tmp-")])


class Leftovers(TempFixtures):
    """Decision: an interrupted swap is reported by --check (an error when the case is only set aside)
    and recovered by the next regen without --check."""

    def interrupt(self):
        case_dir = os.path.join(self.numpy, self.CASE)
        aside = os.path.join(self.numpy, fixture_writer.tmp_prefix("old", self.CASE) + "x1y2")
        half = os.path.join(self.numpy, fixture_writer.tmp_prefix("new", self.CASE) + "z3")
        os.rename(case_dir, aside)          # the committed case set aside ...
        shutil.copytree(aside, half)        # ... and a half-written new one not yet swapped in
        os.remove(os.path.join(half, "case.json"))
        return case_dir, aside, half

    def test_check_reports_and_touches_nothing(self):
        self.interrupt()
        before = snapshot(self.root)
        report = regen.regen([self.root], check=True)
        self.assertEqual(snapshot(self.root), before)
        actions = sorted(a["action"] for a in report["leftovers"])
        self.assertEqual(actions, ["remove", "restore"])
        case = by_name(report)[self.CASE]
        self.assertEqual(case["status"], "error")
        self.assertIn("interrupted swap", case["message"])
        self.assertNotIn(".rnnparity-tmp", " ".join(c["name"] for c in report["cases"]))  # aside is no case
        self.assertEqual(quiet(regen.main, ["--check", self.root])[0], 2)

    def test_regen_recovers(self):
        original = snapshot(self.root)
        case_dir, aside, half = self.interrupt()
        report = regen.regen([self.root])
        self.assertEqual(sorted((a["action"], a["applied"]) for a in report["recovered"]),
                         [("remove", True), ("restore", True)])
        self.assertEqual(by_name(report)[self.CASE]["status"], "unchanged")
        self.assertEqual(snapshot(self.root), original)
        self.assertFalse(os.path.exists(aside) or os.path.exists(half))

    def test_stale_aside_next_to_swapped_case_is_removed(self):
        case_dir = os.path.join(self.numpy, self.CASE)
        aside = os.path.join(self.numpy, fixture_writer.tmp_prefix("old", self.CASE) + "abc")
        shutil.copytree(case_dir, aside)
        report = regen.regen([os.path.join(self.numpy, self.CASE)])
        self.assertEqual([a["action"] for a in report["recovered"]], ["remove"])
        self.assertFalse(os.path.exists(aside))


class KerasSkip(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        shutil.copytree(KERAS_FIXTURES, os.path.join(self.tmp, "keras"))
        shutil.copytree(NUMPY_FIXTURES, os.path.join(self.tmp, "numpy"))

    def tearDown(self):
        shutil.rmtree(self.tmp)

    @unittest.skipIf(KERAS_OK, "keras is installed here")
    def test_keras_cases_are_skipped_with_install_message_numpy_cases_still_run(self):
        self.assertFalse(KERAS_OK)
        self.assertTrue(KERAS_MESSAGE.startswith(INSTALL), KERAS_MESSAGE)
        before = snapshot(self.tmp)
        for check in (True, False):
            report = regen.regen([self.tmp], check=check)
            keras_cases = [c for c in report["cases"] if c["reference"] == "keras"]
            self.assertEqual(len(keras_cases), len(os.listdir(KERAS_FIXTURES)))
            for c in keras_cases:
                self.assertEqual(c["status"], "skipped")
                self.assertIn(INSTALL, c["message"])
            self.assertEqual(report["skipped"], len(keras_cases))
            self.assertEqual(report["checked"], len(os.listdir(NUMPY_FIXTURES)))
            self.assertEqual(snapshot(self.tmp), before)
        code, out, _ = quiet(regen.main, ["--check", self.tmp])
        self.assertEqual(code, 0)
        self.assertIn(f"{len(keras_cases)} skipped", out.strip().splitlines()[-1])
        # only Keras cases: nothing checked -> 2
        code, out, err = quiet(regen.main, ["--check", os.path.join(self.tmp, "keras")])
        self.assertEqual(code, 2)
        self.assertIn("nothing checked", err)
        with self.assertRaises(keras_reference.KerasUnavailable) as cm:
            keras_reference.run_case_with_keras(os.path.join(self.tmp, "keras", "seed_simple_rnn_last"))
        self.assertIn(INSTALL, str(cm.exception))
        report = case_catalogue.generate(["seed_simple_rnn_last"], self.tmp)
        self.assertEqual(report["skipped"][0]["name"], "seed_simple_rnn_last")
        self.assertIn(INSTALL, report["skipped"][0]["message"])

    @unittest.skipUnless(KERAS_OK, "keras not installed")
    def test_keras_path_reproduces_committed_keras_cases(self):
        report = regen.regen([os.path.join(self.tmp, "keras")], check=True)
        self.assertEqual(report["skipped"], 0)
        self.assertEqual(report["errors"], 0, report)
        self.assertEqual(report["drift"], 0, report)

    @unittest.skipUnless(KERAS_OK, "keras not installed")
    def test_catalogue_generate_reproduces_reference_cases(self):
        root = KERAS_FIXTURES
        names = [n for n in case_catalogue.REFERENCE_CASE_NAMES if os.path.isdir(os.path.join(root, n))]
        case_catalogue.generate(names, self.tmp)
        for name in names:
            got, want = snapshot(os.path.join(self.tmp, "keras", name)), snapshot(os.path.join(root, name))
            self.assertEqual(set(got), set(want), name)
            for rel in want:
                if rel != "case.json":
                    self.assertEqual(got[rel], want[rel], f"{name}/{rel}")
            g, w = json.loads(got["case.json"]), json.loads(want["case.json"])
            for doc in (g, w):
                doc["provenance"].pop("created")
                doc["provenance"].pop("generator")
            self.assertEqual(g, w, name)


class Catalogue(unittest.TestCase):
    """Without Keras: the catalogue's seeds, draws and fields reproduce the reference cases' files."""

    def reference_dirs(self):
        dirs = {}
        for n in os.listdir(KERAS_FIXTURES):
            if os.path.isfile(os.path.join(KERAS_FIXTURES, n, "case.json")):
                dirs[n] = os.path.join(KERAS_FIXTURES, n)
        return dirs

    def test_reference_entries_draw_the_committed_weights_and_inputs(self):
        dirs = self.reference_dirs()
        entries = {c.name: c for c in case_catalogue.KERAS_CASES}
        self.assertEqual(len(case_catalogue.REFERENCE_CASE_NAMES), 18)
        checked = 0
        for name, case_dir in sorted(dirs.items()):
            self.assertIn(name, case_catalogue.REFERENCE_CASE_NAMES)
            entry, doc = entries[name], case_io.read_case(case_dir)
            self.assertEqual((entry.seed, entry.description, entry.tolerance),
                             (doc["seed"], doc["description"], doc["tolerance"]), name)
            self.assertEqual(case_catalogue.draw_text(entry), doc["provenance"]["draw"], name)
            self.assertEqual(list(entry.reset_flags()), [r["reset_states"] for r in doc["runs"]], name)
            weights = [a for _, a in case_io.load_weights(case_dir, doc)]
            drawn_w, drawn_x = case_catalogue.draw_arrays(entry, [w.shape for w in weights])
            for a, b in zip(drawn_w, weights):
                self.assertEqual((a.dtype, a.tobytes()), (b.dtype, b.tobytes()), name)
            for run_a, run_b in zip(drawn_x, case_io.load_run_inputs(case_dir, doc)):
                for a, b in zip(run_a, run_b):
                    self.assertEqual((a.dtype, a.shape, a.tobytes()), (b.dtype, b.shape, b.tobytes()), name)
            checked += 1
        self.assertGreaterEqual(checked, len(os.listdir(KERAS_FIXTURES)))

    def test_names_unique_and_valid(self):
        names = [c.name for c in case_catalogue.CATALOGUE]
        self.assertEqual(len(names), len(set(names)))
        for c in case_catalogue.CATALOGUE:
            self.assertRegex(c.name, r"^[a-z0-9_]+$")
            self.assertIn(case_catalogue.reference_of(c), ("keras", "numpy"))

    def test_unknown_name_and_list(self):
        with self.assertRaises(ValueError):
            case_catalogue.generate(["no_such_case"])
        code, out, _ = quiet(case_catalogue.main, ["--list"])
        self.assertEqual(code, 0)
        self.assertIn("simple_rnn_initial_state [keras, seed 115]", out)


class Details(unittest.TestCase):
    def test_compare_arrays_nan_and_inf(self):
        e = np.array([1.0, np.nan, np.inf, -np.inf], np.float32)
        self.assertTrue(regen.compare_arrays(e.copy(), e, 0, 0)["within_tolerance"])
        for bad in ([1.0, 0.0, np.inf, -np.inf], [1.0, np.nan, -np.inf, -np.inf], [1.0, np.nan, 3e38, -np.inf]):
            c = regen.compare_arrays(np.array(bad, np.float32), e, 1e-3, 1e-3)
            self.assertFalse(c["within_tolerance"], bad)
            self.assertEqual(c["nonfinite_mismatches"], 1)
        c = regen.compare_arrays(np.array([1.0, 2.0], np.float32), np.array([1.0, 2.0000002], np.float32), 0, 1e-6)
        self.assertEqual((c["max_ulps"], c["within_tolerance"]), (1, True))
        self.assertEqual(regen.compare_arrays(np.float32([-0.0]), np.float32([0.0]), 0, 0)["max_ulps"], 0)

    def test_usage_errors_and_missing_path(self):
        self.assertEqual(quiet(regen.main, ["--bogus"])[0], 2)
        code, out, _ = quiet(regen.main, ["--check", "/no/such/fixtures"])
        self.assertEqual(code, 2)
        self.assertIn("no such file or directory", out)

    def test_run_case_with_numpy_is_json_able(self):
        result = numpy_runner.run_case_with_numpy(os.path.join(NUMPY_FIXTURES, "numpy_simple_rnn_stateful"))
        json.dumps(result)
        self.assertEqual(len(result["runs"]), 3)
        self.assertEqual(result["runs"][0]["outputs"][0]["shape"], [2, 4, 3])
        self.assertEqual(result["total_params"], 21)


if __name__ == "__main__":
    unittest.main()
