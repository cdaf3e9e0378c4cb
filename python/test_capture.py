"""capture.py: input drawing, case naming, refusals, and the atomic case write.

Run: /usr/bin/python3 -m unittest discover -s python -p 'test_*.py'   (from the repo root)

Without Keras, the write path runs against a duck-typed stand-in put in sys.modules as `keras`:
a one-layer model computing x @ kernel + bias that answers the calls capture makes
(saving.load_model, model.inputs and the layers' inbound nodes, model(x, training=False),
get_weights, summary, to_json). The tests that need the real Keras skip with the reason.
"""
import contextlib
import hashlib
import io
import json
import os
import shutil
import sys
import tempfile
import types
import unittest
import zipfile
from unittest import mock

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import capture  # noqa: E402
import case_io  # noqa: E402
import fixture_writer  # noqa: E402
import keras_reference  # noqa: E402

KERAS_OK, KERAS_MESSAGE = keras_reference.keras_available()
SHARED = os.environ.get("RNNPARITY_SHARED") or os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "shared")


def read_all(folder):
    files = {}
    for f in os.listdir(folder):
        with open(os.path.join(folder, f), "rb") as h:
            files[f] = h.read()
    return files


def spec(shape, dtype="float32", embedding=None, name="x"):
    return {"name": name, "shape": list(shape), "dtype": dtype, "embedding": embedding}


class DrawInputs(unittest.TestCase):
    def test_float_inputs_are_standard_normal_float32_from_the_seed(self):
        arrays, recipe = capture.draw_inputs([spec((None, 7, 3))], seed=5)
        expected = np.random.default_rng(5).standard_normal((4, 7, 3)).astype(np.float32)
        self.assertEqual(arrays[0].dtype, np.float32)
        np.testing.assert_array_equal(arrays[0], expected)
        self.assertIn("standard_normal((4, 7, 3))", recipe)

    def test_defaults_are_batch_4_and_12_timesteps(self):
        arrays, _ = capture.draw_inputs([spec((None, None, 2))])
        self.assertEqual(arrays[0].shape, (capture.DEFAULT_BATCH, capture.DEFAULT_TIMESTEPS, 2))
        self.assertEqual((capture.DEFAULT_BATCH, capture.DEFAULT_TIMESTEPS, capture.DEFAULT_SEED), (4, 12, 0))

    def test_declared_sizes_win_and_options_fill_the_unknown_ones(self):
        arrays, _ = capture.draw_inputs([spec((None, 9, 2)), spec((2, None, 1))])
        self.assertEqual([a.shape for a in arrays], [(4, 9, 2), (2, 12, 1)])
        arrays, _ = capture.draw_inputs([spec((None, 5, 2)), spec((None, None, 1))], batch=3, timesteps=5)
        self.assertEqual([a.shape for a in arrays], [(3, 5, 2), (3, 5, 1)])

    def test_a_contradicted_declared_size_is_refused(self):
        with self.assertRaisesRegex(capture.CaptureError, "declares 9 timesteps, --timesteps 5"):
            capture.draw_inputs([spec((None, 9, 2))], timesteps=5)
        with self.assertRaisesRegex(capture.CaptureError, "fixed batch size 2"):
            capture.draw_inputs([spec((2, 9, 2))], batch=4)

    def test_a_fixed_batch_is_kept(self):
        arrays, _ = capture.draw_inputs([spec((2, 5, 1))])
        self.assertEqual(arrays[0].shape, (2, 5, 1))

    def test_an_unknown_feature_size_asks_for_the_inputs(self):
        with self.assertRaisesRegex(capture.CaptureError, "unknown size at axis 2.*--input"):
            capture.draw_inputs([spec((None, 5, None))])

    def test_timesteps_without_a_time_axis_is_refused(self):
        with self.assertRaisesRegex(capture.CaptureError, "no input has a time axis"):
            capture.draw_inputs([spec((None, 8))], timesteps=3)

    def test_embedding_inputs_get_ids_in_1_to_input_dim(self):
        emb = {"layer": "embedding", "input_dim": 7, "mask_zero": False}
        arrays, recipe = capture.draw_inputs([spec((None, None), "int32", emb)], batch=50, timesteps=40, seed=3)
        a = arrays[0]
        self.assertEqual((a.dtype, a.shape), (np.int32, (50, 40)))
        self.assertGreaterEqual(a.min(), 1)
        self.assertLess(a.max(), 7)
        np.testing.assert_array_equal(a, np.random.default_rng(3).integers(1, 7, (50, 40)).astype(np.int32))
        self.assertIn("integers(1, 7, (50, 40)) int32", recipe)

    def test_an_embedding_behind_a_float32_input_still_gets_ids(self):
        emb = {"layer": "embedding", "input_dim": 10, "mask_zero": False}
        arrays, _ = capture.draw_inputs([spec((None, 6), "float32", emb)])
        self.assertEqual(arrays[0].dtype, np.int32)
        self.assertTrue(np.all(arrays[0] >= 1))

    def test_mask_zero_puts_leading_zeros_in_half_the_rows(self):
        emb = {"layer": "embedding", "input_dim": 30, "mask_zero": True}
        a = capture.draw_inputs([spec((None, 10), "int32", emb)], batch=6, seed=1)[0][0]
        for r in range(6):
            zeros = np.flatnonzero(a[r] == 0)
            if r % 2 == 0:
                self.assertEqual(zeros.size, 0, f"row {r}")
            else:
                self.assertGreaterEqual(zeros.size, 1, f"row {r}")
                np.testing.assert_array_equal(zeros, np.arange(zeros.size), f"row {r}: zeros lead")
                self.assertLessEqual(zeros.size, 5, f"row {r} keeps at least half its ids")

    def test_the_draw_reproduces_the_wild_models_inputs(self):
        """The shared wild-models cases drew standard_normal / integers from default_rng(seed) the same way."""
        root = os.path.join(SHARED, "wild-models")
        if not os.path.isdir(root):
            self.skipTest(f"the shared test data is not at {root}")
        checked = 0
        for case in sorted(os.listdir(root)):
            with open(os.path.join(root, case, "source.json"), encoding="utf-8") as f:
                source = json.load(f)
            if any(i.get("mask_zero") for i in source["inputs"]) or len(source["inputs"]) != 1:
                continue
            i = source["inputs"][0]
            emb = {"layer": "e", "input_dim": i["vocab"], "mask_zero": False} if i["kind"] == "embedding_ids" else None
            shape = [None] + list(i["shape"][1:])
            drawn = capture.draw_inputs([spec(shape, i["dtype"], emb)], batch=i["shape"][0], seed=source["seed"])[0][0]
            np.testing.assert_array_equal(drawn, np.load(os.path.join(root, case, "run0_in0.npy")), case)
            checked += 1
        self.assertGreater(checked, 5)

    def test_integer_inputs_without_an_embedding_cannot_be_drawn(self):
        with self.assertRaisesRegex(capture.CaptureError, "feeds no Embedding"):
            capture.draw_inputs([spec((None, 4), "int32")])


class Naming(unittest.TestCase):
    def test_the_case_name_is_the_folder_name_lower_cased_with_other_characters_as_underscores(self):
        self.assertEqual(capture.case_name_for("/tmp/out/My-Model.v2"), "my_model_v2")
        self.assertEqual(capture.case_name_for("cases/lstm_1/"), "lstm_1")
        self.assertEqual(capture.case_name_for("Überlauf 3"), "_berlauf_3")

    def test_the_case_goes_to_the_folder_of_its_name(self):
        self.assertEqual(capture.case_dir_for("/tmp/out/My-Model"), "/tmp/out/my_model")
        self.assertEqual(capture.case_dir_for("/tmp/out/ok_name"), "/tmp/out/ok_name")

    def test_a_root_folder_has_no_name(self):
        with self.assertRaises(capture.CaptureError):
            capture.case_name_for("/")


class Refusals(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def path(self, name, data=b""):
        p = os.path.join(self.tmp, name)
        with open(p, "wb") as f:
            f.write(data)
        return p

    def assert_refused(self, model_file, pattern):
        out = os.path.join(self.tmp, "case")
        with self.assertRaisesRegex(capture.CaptureError, pattern):
            capture.capture(model_file, out)
        self.assertFalse(os.path.exists(out), "nothing written")

    def test_missing_file(self):
        self.assert_refused(os.path.join(self.tmp, "none.keras"), "no such file")

    def test_weights_only_file(self):
        self.assert_refused(self.path("m.weights.h5", b"\x89HDF\r\n\x1a\n"), "weights-only")

    def test_unknown_extension(self):
        self.assert_refused(self.path("m.pb", b"x"), "unknown model file type")

    def test_keras_file_that_is_not_a_zip(self):
        self.assert_refused(self.path("m.keras", b"PK\x03\x04 truncated"), "not a zip")

    def test_h5_file_without_the_hdf5_signature(self):
        self.assert_refused(self.path("m.h5", b"not hdf5 at all"), "not an HDF5 file")

    def test_a_lambda_layer_is_refused_before_keras_runs(self):
        config = {"class_name": "Sequential", "config": {"layers": [
            {"class_name": "InputLayer", "config": {"name": "in", "batch_shape": [None, 3]}},
            {"class_name": "Lambda", "config": {"name": "evil", "function": {"class_name": "__lambda__",
                                                                             "config": {"code": "..."}}}}]}}
        p = os.path.join(self.tmp, "m.keras")
        with zipfile.ZipFile(p, "w") as z:
            z.writestr("config.json", json.dumps(config))
            z.writestr("metadata.json", json.dumps({"keras_version": "3.15.1"}))
        with mock.patch.object(keras_reference, "import_keras", side_effect=AssertionError("keras must not load")):
            self.assert_refused(p, "'evil'.*Lambda.*never executed")

    def test_a_config_that_inflates_beyond_the_limit_is_refused(self):
        p = os.path.join(self.tmp, "bomb.keras")
        with zipfile.ZipFile(p, "w", compression=zipfile.ZIP_DEFLATED) as z:
            z.writestr("config.json", b" " * 2048)
        with mock.patch.object(capture, "_CONFIG_LIMIT", 1024):
            self.assert_refused(p, "refused")

    def test_a_folder_that_is_not_a_case_is_never_replaced(self):
        out = os.path.join(self.tmp, "mine")
        os.makedirs(out)
        self.path("mine/notes.txt", b"keep me")
        with self.assertRaisesRegex(capture.CaptureError, "refusing to replace it"):
            capture.capture(self.path("m.keras", b"x"), out)
        self.assertEqual(os.listdir(out), ["notes.txt"])

    def test_batch_with_given_inputs_is_refused(self):
        with self.assertRaisesRegex(capture.CaptureError, "cannot go with --input"):
            capture.capture(self.path("m.keras"), os.path.join(self.tmp, "c"), ["x.npy"], batch=2)

    def test_time_major_false_is_stripped_and_true_refused(self):
        config = {"class_name": "Sequential", "config": {"layers": [
            {"class_name": "Bidirectional", "config": {"name": "bi", "layer": {
                "class_name": "LSTM", "config": {"name": "lstm", "time_major": False, "units": 3}}}},
            {"class_name": "GRU", "config": {"name": "gru", "time_major": False}}]}}
        self.assertEqual(capture.strip_time_major(config), ["lstm", "gru"])
        self.assertNotIn("time_major", json.dumps(config))
        bad = {"class_name": "SimpleRNN", "config": {"name": "rnn", "time_major": True}}
        with self.assertRaisesRegex(capture.CaptureError, "'rnn'.*time_major=True: not supported yet"):
            capture.strip_time_major(bad)


    def test_keras2_hard_sigmoid_is_named_only_for_files_keras2_saved(self):
        config = {"class_name": "Sequential", "config": {"layers": [
            {"class_name": "LSTM", "config": {"name": "lstm_1", "activation": "tanh", "recurrent_activation": "hard_sigmoid"}},
            {"class_name": "Dense", "config": {"name": "out", "activation": "hard_sigmoid"}}]}}
        self.assertEqual(capture.keras2_hard_sigmoid(config, "2.2.4"), ["lstm_1.recurrent_activation", "out.activation"])
        self.assertEqual(capture.keras2_hard_sigmoid(config, "3.9.2"), [])
        self.assertEqual(capture.keras2_hard_sigmoid(config, None), [])


# ---------------------------------------------------------------- a duck-typed stand-in for Keras

class _Tensor:
    def __init__(self, shape, dtype="float32", name="input_layer"):
        self.shape, self.dtype, self.name = tuple(shape), dtype, name


class _Var:
    def __init__(self, path, value):
        self.path, self.name, self.value = path, path.rsplit("/", 1)[-1], value
        self.shape = value.shape


class _Node:
    def __init__(self, inputs):
        self.input_tensors = inputs


class _Dense:
    def __init__(self, units, features, x, rng):
        self.name = "dense"
        self.kernel = _Var("sequential/dense/kernel", rng.uniform(-1, 1, (features, units)).astype(np.float32))
        self.bias = _Var("sequential/dense/bias", rng.uniform(-1, 1, (units,)).astype(np.float32))
        self.weights = [self.kernel, self.bias]
        self._inbound_nodes = [_Node([x])]
        self.output = _Tensor(tuple(x.shape[:-1]) + (units,))

    def count_params(self):
        return int(sum(v.value.size for v in self.weights))


class _Model:
    """Sequential([Input((5, 3)), Dense(2)]) as far as capture looks at it."""

    def __init__(self, fail_on_call=False):
        x = _Tensor((None, 5, 3))
        self.inputs = [x]
        self.layers = [_Dense(2, 3, x, np.random.default_rng(9))]
        self.weights = self.layers[0].weights
        self.trainable_weights, self.non_trainable_weights = self.weights, []
        self.output_shape = (None, 5, 2)
        self.fail_on_call = fail_on_call
        self.calls = []

    def __call__(self, x, training=None):
        self.calls.append(training)
        if self.fail_on_call:
            raise RuntimeError("the stand-in model fails on purpose")
        d = self.layers[0]
        return np.asarray(x, np.float32) @ d.kernel.value + d.bias.value

    def get_weights(self):
        return [v.value for v in self.weights]

    def count_params(self):
        return self.layers[0].count_params()

    def summary(self, line_length=None, print_fn=None):
        print_fn(f"Model: \"sequential\" (stand-in, width {line_length})\n")

    def to_json(self):
        return json.dumps({"class_name": "Sequential", "config": {"name": "sequential"}})


@contextlib.contextmanager
def fake_keras(model):
    """Puts a stand-in `keras` package into sys.modules; yields the list of load_model calls."""
    loads = []
    keras = types.ModuleType("keras")
    keras.__version__ = "0.0-stand-in"

    def load_model(path, safe_mode=True, compile=True, custom_objects=None):
        loads.append({"path": path, "safe_mode": safe_mode, "compile": compile})
        return model
    keras.saving = types.SimpleNamespace(load_model=load_model)
    keras.utils = types.SimpleNamespace(clear_session=lambda: None)
    keras.ops = types.SimpleNamespace(convert_to_numpy=np.asarray)
    keras.backend = types.SimpleNamespace(backend=lambda: "stand-in")
    sequential_cls = type(model)
    modules = {"keras": keras, "keras.src": types.ModuleType("keras.src"),
               "keras.src.tree": types.ModuleType("keras.src.tree"),
               "keras.src.models": types.ModuleType("keras.src.models"),
               "keras.src.models.functional": types.ModuleType("keras.src.models.functional"),
               "keras.src.models.sequential": types.ModuleType("keras.src.models.sequential")}
    modules["keras.src"].tree = modules["keras.src.tree"]
    modules["keras.src.models.functional"].Functional = type("Functional", (), {})
    modules["keras.src.models.sequential"].Sequential = sequential_cls
    with mock.patch.dict(sys.modules, modules):
        yield loads


class WriteWithStandIn(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.model_file = os.path.join(self.tmp, "trained.keras")
        with zipfile.ZipFile(self.model_file, "w") as z:
            z.writestr("config.json", json.dumps({"class_name": "Sequential", "config": {"layers": []}}))
            z.writestr("metadata.json", json.dumps({"keras_version": "3.9.2"}))

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_a_capture_writes_a_readable_case_with_the_models_weights_and_outputs(self):
        model = _Model()
        out = os.path.join(self.tmp, "My-Case")
        with fake_keras(model) as loads:
            report = capture.capture(self.model_file, out, seed=11)
        self.assertEqual(loads, [{"path": self.model_file, "safe_mode": True, "compile": False}])
        self.assertEqual(model.calls, [False], "model(x, training=False)")
        case_dir = os.path.join(self.tmp, "my_case")
        self.assertEqual((report["name"], report["path"], report["written"]), ("my_case", case_dir, True))
        doc = case_io.read_case(case_dir)
        self.assertEqual((doc["name"], doc["reference"], doc["seed"]), ("my_case", "keras", 11))
        weights = case_io.load_weights(case_dir, doc)
        self.assertEqual([w["path"] for w, _ in weights], ["sequential/dense/kernel", "sequential/dense/bias"])
        self.assertEqual([w["layer"] for w, _ in weights], ["dense", "dense"])
        for (_, a), v in zip(weights, model.weights):
            np.testing.assert_array_equal(a, v.value)
        x = case_io.load_run_inputs(case_dir, doc)[0][0]
        np.testing.assert_array_equal(x, np.random.default_rng(11).standard_normal((4, 5, 3)).astype(np.float32))
        y = case_io.load_run_outputs(case_dir, doc)[0][0]
        np.testing.assert_allclose(y, x @ model.layers[0].kernel.value + model.layers[0].bias.value, rtol=1e-6)
        with open(self.model_file, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        source = doc["provenance"]["source"]
        self.assertEqual((source["file"], source["sha256"], source["keras_version"]), ("trained.keras", digest, "3.9.2"))
        self.assertEqual(doc["provenance"]["keras"], "0.0-stand-in")
        self.assertEqual(doc["expected"]["layers"], [{"name": "dense", "class_name": "_Dense",
                                                      "output_shapes": [[None, 5, 2]], "params": 8}])
        with open(os.path.join(case_dir, "model.json"), encoding="utf-8") as f:
            self.assertEqual(f.read(), model.to_json())
        self.assertEqual(fixture_writer.find_leftovers(self.tmp), [])

    def test_a_second_identical_capture_leaves_the_case_unchanged(self):
        out = os.path.join(self.tmp, "same")
        with fake_keras(_Model()):
            first = capture.capture(self.model_file, out)
            second = capture.capture(self.model_file, out)
        self.assertEqual((first["written"], second["written"]), (True, False))

    def test_given_inputs_are_used_as_they_are(self):
        x = np.arange(2 * 5 * 3, dtype=np.float64).reshape(2, 5, 3)
        np.save(os.path.join(self.tmp, "x.npy"), x)
        with fake_keras(_Model()):
            report = capture.capture(self.model_file, os.path.join(self.tmp, "given"), [os.path.join(self.tmp, "x.npy")])
        doc = case_io.read_case(report["path"])
        np.testing.assert_array_equal(case_io.load_run_inputs(report["path"], doc)[0][0], x.astype(np.float32))
        self.assertIn("given", doc["provenance"]["draw"])

    def test_given_inputs_of_the_wrong_shape_are_refused(self):
        np.save(os.path.join(self.tmp, "x.npy"), np.zeros((2, 5, 4), np.float32))
        out = os.path.join(self.tmp, "wrong")
        with fake_keras(_Model()), self.assertRaisesRegex(capture.CaptureError, r"does not fit input"):
            capture.capture(self.model_file, out, [os.path.join(self.tmp, "x.npy")])
        self.assertFalse(os.path.exists(out))

    def test_a_failing_model_leaves_nothing_behind(self):
        out = os.path.join(self.tmp, "broken")
        with fake_keras(_Model(fail_on_call=True)), self.assertRaisesRegex(RuntimeError, "on purpose"):
            capture.capture(self.model_file, out)
        self.assertEqual(sorted(os.listdir(self.tmp)), ["trained.keras"])

    def test_a_write_that_fails_midway_keeps_the_old_case_whole(self):
        out = os.path.join(self.tmp, "kept")
        with fake_keras(_Model()):
            capture.capture(self.model_file, out, seed=1)
        before = read_all(out)
        real_save = fixture_writer.save_array
        calls = []

        def failing_save(path, array):
            calls.append(path)
            if len(calls) == 3:
                raise OSError("disk full (simulated)")
            real_save(path, array)
        with fake_keras(_Model()), mock.patch.object(fixture_writer, "save_array", failing_save), \
                self.assertRaisesRegex(OSError, "simulated"):
            capture.capture(self.model_file, out, seed=2)
        after = read_all(out)
        self.assertEqual(after, before)
        self.assertEqual(fixture_writer.find_leftovers(self.tmp), [])

    def test_an_embedding_consumer_is_found_through_the_inbound_nodes(self):
        model = _Model()
        Embedding = type("Embedding", (), {})
        emb = Embedding()
        emb.name, emb.input_dim, emb.mask_zero = "embedding", 20, True
        emb._inbound_nodes = [_Node([model.inputs[0]])]
        model.layers = [emb] + model.layers
        self.assertEqual(capture.input_specs(model)[0]["embedding"],
                         {"layer": "embedding", "input_dim": 20, "mask_zero": True})
        self.assertIsNone(capture.input_specs(_Model())[0]["embedding"])


class Main(unittest.TestCase):
    def test_a_refused_file_exits_2_with_the_reason(self):
        tmp = tempfile.mkdtemp()
        try:
            err = io.StringIO()
            with contextlib.redirect_stderr(err):
                code = capture.main([os.path.join(tmp, "none.h5"), "--out", os.path.join(tmp, "case")])
            self.assertEqual(code, 2)
            self.assertIn("no such file", err.getvalue())
        finally:
            shutil.rmtree(tmp)

    def test_usage_errors_exit_2(self):
        with contextlib.redirect_stderr(io.StringIO()):
            self.assertEqual(capture.main(["model.keras"]), 2)


class WithoutKeras(unittest.TestCase):
    @unittest.skipIf(KERAS_OK, "keras imports here")
    def test_capture_says_keras_is_missing_and_writes_nothing(self):
        tmp = tempfile.mkdtemp()
        try:
            p = os.path.join(tmp, "m.keras")
            with zipfile.ZipFile(p, "w") as z:
                z.writestr("config.json", "{}")
            with self.assertRaisesRegex(keras_reference.KerasUnavailable, "keras is not installed"):
                capture.capture(p, os.path.join(tmp, "case"))
            self.assertEqual(os.listdir(tmp), ["m.keras"])
        finally:
            shutil.rmtree(tmp)


@unittest.skipUnless(KERAS_OK, f"keras does not import, so the real Keras path cannot run here: {KERAS_MESSAGE}")
class WithKeras(unittest.TestCase):
    def test_shared_model_files_round_trip_to_their_own_outputs(self):
        """Capturing a shared model with the case's own inputs gives the case's outputs."""
        root = os.path.join(SHARED, "keras-models")
        if not os.path.isdir(root):
            self.skipTest(f"the shared test data is not at {root}")
        tmp = tempfile.mkdtemp()
        try:
            for case in sorted(os.listdir(root)):
                src = os.path.join(root, case)
                doc = case_io.read_case(src)
                inputs = [os.path.join(src, e["file"]) for e in doc["runs"][0]["inputs"]]
                for kind in ("keras", "h5"):
                    file = (doc.get("model_files") or {}).get(kind)
                    if not file:
                        continue
                    report = capture.capture(os.path.join(src, file), os.path.join(tmp, f"{case}_{kind}"), inputs)
                    got = case_io.load_run_outputs(report["path"], case_io.read_case(report["path"]))[0]
                    want = case_io.load_run_outputs(src, doc)[0]
                    for g, w in zip(got, want):
                        np.testing.assert_allclose(g, w, atol=1e-6, rtol=1e-6, err_msg=f"{case} {kind}")
        finally:
            shutil.rmtree(tmp)


if __name__ == "__main__":
    unittest.main()
