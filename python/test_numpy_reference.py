"""Checks the NumPy references against Keras's own numbers, the Keras fixtures, the
tutorial loop, and the generator's determinism.

Run: python3 -m unittest discover -s python -p 'test_*.py'   (from the repo root)
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

import case_io  # noqa: E402
import fixture_writer  # noqa: E402
import make_numpy_fixtures  # noqa: E402
import numpy_reference as ref  # noqa: E402
import numpy_runner  # noqa: E402
from tutorial_rnn import tutorial_rnn, tutorial_rnn_as_printed  # noqa: E402

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KERAS_FIXTURES = os.path.join(REPO_ROOT, "fixtures", "keras")
NUMPY_FIXTURES = os.path.join(REPO_ROOT, "fixtures", "numpy")

GATES = {"simple_rnn": 1, "lstm": 4, "gru": 3}


def constant_weights(kind, input_dim, units, use_bias=True, unit_forget_bias=True, reset_after=True):
    """Weights of Keras's correctness tests: Constant(0.01), Constant(0.02), Constant(0.03).

    LSTM's unit_forget_bias (default True) overrides the forget block of the
    bias with ones whatever bias_initializer says, as LSTMCell.build does.
    """
    width = units * GATES[kind]
    kernel = np.full((input_dim, width), 0.01, np.float32)
    recurrent = np.full((units, width), 0.02, np.float32)
    if not use_bias:
        return kernel, recurrent, None
    if kind == "gru" and reset_after:
        bias = np.full((2, width), 0.03, np.float32)
    else:
        bias = np.full((width,), 0.03, np.float32)
    if kind == "lstm" and unit_forget_bias:
        bias[units:2 * units] = 1.0
    return kernel, recurrent, bias


def seq(shape):
    return np.arange(int(np.prod(shape))).reshape(shape).astype("float32")


def rows(*values, width):
    return np.array([[v] * width for v in values], np.float32)


class KerasSimpleRnnLiterals(unittest.TestCase):
    """keras/src/layers/rnn/simple_rnn_test.py, same inputs and expected values."""

    def run_layer(self, x, units=4, **kw):
        return ref.simple_rnn(x, *constant_weights("simple_rnn", x.shape[-1], units), **kw)

    def test_correctness(self):
        x = seq((2, 3, 4))
        np.testing.assert_allclose(self.run_layer(x), rows(0.405432, 0.73605347, width=4), atol=1e-6, rtol=1e-6)
        np.testing.assert_allclose(self.run_layer(x, go_backwards=True),
                                   rows(0.11144729, 0.5528889, width=4), atol=1e-6, rtol=1e-6)

    def test_statefulness(self):
        x = seq((2, 3, 4))
        _, h = self.run_layer(x, return_state=True)
        np.testing.assert_allclose(self.run_layer(x, initial_state=h),
                                   rows(0.40559256, 0.7361247, width=4), atol=1e-6, rtol=1e-6)

    def test_pass_initial_state(self):
        x, h0 = seq((2, 4, 3)), seq((2, 4))
        np.testing.assert_allclose(self.run_layer(x, initial_state=h0),
                                   rows(0.33621645, 0.6262637, width=4), atol=1e-6, rtol=1e-6)
        np.testing.assert_allclose(self.run_layer(x, initial_state=h0, go_backwards=True),
                                   rows(0.07344437, 0.43043602, width=4), atol=1e-6, rtol=1e-6)

    def test_masking(self):
        x = seq((2, 4, 3))
        mask = np.array([[True, True, False, True], [True, False, False, True]])
        np.testing.assert_allclose(self.run_layer(x, mask=mask),
                                   rows(0.32951632, 0.61799484, width=4), atol=1e-6, rtol=1e-6)
        out = self.run_layer(x, units=2, mask=mask, return_sequences=True)
        np.testing.assert_allclose(out[0], rows(0.0599281, 0.15122814, 0.15122814, 0.32394567, width=2),
                                   atol=1e-6, rtol=1e-6)
        np.testing.assert_allclose(out[1], rows(0.3969304, 0.3969304, 0.3969304, 0.608085, width=2),
                                   atol=1e-6, rtol=1e-6)
        out = self.run_layer(x, units=2, mask=mask, return_sequences=True, zero_output_for_mask=True)
        np.testing.assert_allclose(out[0], rows(0.0599281, 0.15122814, 0.0, 0.32394567, width=2),
                                   atol=1e-6, rtol=1e-6)
        np.testing.assert_allclose(out[1], rows(0.3969304, 0.0, 0.0, 0.608085, width=2), atol=1e-6, rtol=1e-6)
        np.testing.assert_allclose(self.run_layer(x, mask=mask, go_backwards=True),
                                   rows(0.07376196, 0.43645123, width=4), atol=1e-6, rtol=1e-6)


class KerasLstmLiterals(unittest.TestCase):
    """keras/src/layers/rnn/lstm_test.py (atol = rtol = 1e-5 as there)."""

    def run_layer(self, x, units=3, use_bias=True, unit_forget_bias=True, **kw):
        w = constant_weights("lstm", x.shape[-1], units, use_bias, unit_forget_bias)
        return ref.lstm(x, *w, **kw)

    def close(self, actual, expected):
        np.testing.assert_allclose(actual, expected, atol=1e-5, rtol=1e-5)

    def test_correctness(self):
        x = seq((3, 6, 4))
        self.close(self.run_layer(x), rows(0.6288687, 0.86899155, 0.9460773, width=3))
        self.close(self.run_layer(x, go_backwards=True), rows(0.35622165, 0.74789524, 0.8872726, width=3))
        self.close(self.run_layer(x, unit_forget_bias=False), rows(0.57019705, 0.8661914, 0.9459622, width=3))
        self.close(self.run_layer(x, use_bias=False), rows(0.54986924, 0.86226785, 0.9443936, width=3))

    def test_statefulness(self):
        x = seq((2, 3, 4))
        _, h, c = self.run_layer(x, units=4, return_state=True)
        self.close(self.run_layer(x, units=4, initial_state=[h, c]), rows(0.3124785, 0.6863672, width=4))

    def test_pass_initial_state(self):
        x, s0 = seq((2, 4, 3)), seq((2, 2))
        self.close(self.run_layer(x, units=2, initial_state=[s0, s0]),
                   [[0.20574439, 0.3558822], [0.64930826, 0.66276]])
        self.close(self.run_layer(x, units=2, initial_state=[s0, s0], go_backwards=True),
                   [[0.13281618, 0.2790356], [0.5839337, 0.5992567]])

    def test_masking(self):
        x = seq((2, 4, 3))
        mask = np.array([[True, True, True, False], [True, True, False, False]])
        self.close(self.run_layer(x, units=2, mask=mask), rows(0.11755939, 0.28556206, width=2))
        out = self.run_layer(x, units=2, mask=mask, return_sequences=True)
        self.close(out[0], rows(0.01588910, 0.05552048, 0.11755939, 0.11755939, width=2))
        self.close(out[1], rows(0.14185596, 0.28556206, 0.28556206, 0.28556206, width=2))
        out = self.run_layer(x, units=2, mask=mask, return_sequences=True, zero_output_for_mask=True)
        self.close(out[0], rows(0.01588910, 0.05552048, 0.11755939, 0.0, width=2))
        self.close(out[1], rows(0.14185596, 0.28556206, 0.0, 0.0, width=2))
        backwards_mask = np.array([[False, True, True, True], [False, False, True, True]])
        self.close(self.run_layer(x, units=2, mask=backwards_mask, go_backwards=True),
                   rows(0.15341201, 0.3844719, width=2))


class KerasGruLiterals(unittest.TestCase):
    """keras/src/layers/rnn/gru_test.py."""

    def run_layer(self, x, units=3, use_bias=True, reset_after=True, **kw):
        w = constant_weights("gru", x.shape[-1], units, use_bias, reset_after=reset_after)
        return ref.gru(x, *w, reset_after=reset_after, **kw)

    def close(self, actual, expected, tol=1e-5):
        np.testing.assert_allclose(actual, expected, atol=tol, rtol=tol)

    def test_correctness(self):
        x = seq((3, 6, 4))
        self.close(self.run_layer(x), rows(0.5217289, 0.6371659, 0.39384964, width=3))
        self.close(self.run_layer(x, go_backwards=True), rows(0.24406259, 0.611516, 0.3928808, width=3))
        self.close(self.run_layer(x, reset_after=False), rows(0.51447755, 0.6426879, 0.40208298, width=3))
        self.close(self.run_layer(x, use_bias=False), rows(0.49988455, 0.64701194, 0.4103359, width=3))

    def test_statefulness(self):
        x = seq((2, 3, 4))
        _, h = self.run_layer(x, units=4, return_state=True)
        self.close(self.run_layer(x, units=4, initial_state=h), rows(0.29542392, 0.5885018, width=4), 1e-6)

    def test_pass_initial_state_and_return_state(self):
        x, h0 = seq((2, 4, 3)), seq((2, 2))
        for backwards, expected in ((False, [[0.23774096, 0.33508456], [0.83659905, 1.0227708]]),
                                    (True, [[0.13486053, 0.23261218], [0.78257304, 0.9691353]])):
            out, state = self.run_layer(x, units=2, initial_state=h0, go_backwards=backwards, return_state=True)
            self.close(out, expected, 1e-6)
            np.testing.assert_array_equal(out, state)

    def test_masking(self):
        x = seq((2, 4, 3))
        mask = np.array([[True, True, False, True], [True, False, False, True]])
        self.close(self.run_layer(x, units=2, mask=mask), rows(0.19393763, 0.30818558, width=2), 1e-6)
        out = self.run_layer(x, units=2, mask=mask, return_sequences=True)
        self.close(out[0], rows(0.03606692, 0.09497581, 0.09497581, 0.19393763, width=2), 1e-6)
        self.close(out[1], rows(0.16051409, 0.16051409, 0.16051409, 0.30818558, width=2), 1e-6)
        out = self.run_layer(x, units=2, mask=mask, return_sequences=True, zero_output_for_mask=True)
        self.close(out[0], rows(0.03606692, 0.09497581, 0.0, 0.19393763, width=2), 1e-6)
        self.close(out[1], rows(0.16051409, 0.0, 0.0, 0.30818558, width=2), 1e-6)
        self.close(self.run_layer(x, units=2, mask=mask, go_backwards=True),
                   rows(0.11669192, 0.28380975, width=2), 1e-6)


_META = ("output_shapes", "layers", "total_params", "trainable_params", "non_trainable_params")


def run_case(case_dir, test):
    """A fixture recomputed by the NumPy model interpreter; returns (tolerance, [(expected, actual)]).

    Also checks the interpreter's output shapes, per-layer shapes and parameter counts against
    the case's `expected` (what Keras reported for Keras cases).
    """
    doc = case_io.read_case(case_dir)
    result = numpy_runner.compute(case_dir)
    for key in _META:
        test.assertEqual(result[key], doc["expected"][key], key)
    committed = case_io.load_run_outputs(case_dir, doc)
    test.assertEqual(len(result["runs"]), len(committed))
    pairs = []
    for run, expected in zip(result["runs"], committed):
        test.assertEqual(len(run["outputs"]), len(expected))
        pairs.extend(zip(expected, run["outputs"]))
    return doc["tolerance"], pairs


def _case_dirs(root):
    if not os.path.isdir(root):
        return []
    return sorted(d for d in os.listdir(root) if os.path.isfile(os.path.join(root, d, "case.json")))


class KerasFixtures(unittest.TestCase):
    """fixtures/keras: the NumPy interpreter reproduces what real Keras computed, within each case's tolerance."""


class NumpyFixtures(unittest.TestCase):
    """fixtures/numpy: the committed outputs are what the references compute now."""


def _fixture_test(root, name):
    def test(self):
        tolerance, pairs = run_case(os.path.join(root, name), self)
        for expected, actual in pairs:
            self.assertEqual(expected.shape, actual.shape)
            np.testing.assert_allclose(actual, expected, atol=tolerance["atol"], rtol=tolerance["rtol"])
    return test


def _empty_folder_test(root):
    def test(self):
        self.fail(f"no case found in {root} (a case is a folder holding case.json); "
                  f"the per-fixture tests must not pass with nothing to check")
    return test


def add_fixture_tests(cls, root):
    """A test_<case> per case under root; a failing test when there is none, so an empty or moved folder cannot pass."""
    names = _case_dirs(root)
    for name in names:
        setattr(cls, f"test_{name}", _fixture_test(root, name))
    if not names:
        setattr(cls, "test_the_fixture_folder_has_cases", _empty_folder_test(root))
    return names


add_fixture_tests(KerasFixtures, KERAS_FIXTURES)
add_fixture_tests(NumpyFixtures, NUMPY_FIXTURES)


class FixtureFoldersCannotPassEmpty(unittest.TestCase):
    def _run(self, root):
        cls = type("Probe", (unittest.TestCase,), {})
        names = add_fixture_tests(cls, root)
        result = unittest.TestResult()
        unittest.defaultTestLoader.loadTestsFromTestCase(cls).run(result)
        return names, result

    def test_an_empty_folder_is_a_failure(self):
        with tempfile.TemporaryDirectory() as empty:
            os.makedirs(os.path.join(empty, "not_a_case"))
            names, result = self._run(empty)
        self.assertEqual(names, [])
        self.assertEqual(result.testsRun, 1)
        self.assertEqual(len(result.failures), 1)
        self.assertIn("no case found in", result.failures[0][1])

    def test_a_missing_folder_is_a_failure(self):
        names, result = self._run(os.path.join(NUMPY_FIXTURES, "no_such_folder"))
        self.assertEqual((names, result.testsRun, len(result.failures)), ([], 1, 1))

    def test_the_committed_folders_have_a_test_per_case(self):
        for cls, root in ((KerasFixtures, KERAS_FIXTURES), (NumpyFixtures, NUMPY_FIXTURES)):
            tests = [n for n in dir(cls) if n.startswith("test_")]
            self.assertEqual(sorted(tests), sorted(f"test_{n}" for n in _case_dirs(root)), root)
            self.assertGreater(len(tests), 0, root)


class TutorialLoop(unittest.TestCase):
    def setUp(self):
        rng = np.random.default_rng(7)
        self.inputs = rng.random((10, 4))
        self.Wx = rng.random((8, 4)) - 0.5
        self.Wh = rng.random((8, 8)) - 0.5
        self.b = rng.random((8,)) - 0.5

    def reference(self, inputs):
        return ref.simple_rnn(inputs, self.Wx.T, self.Wh.T, self.b, return_sequences=True)[0]

    def test_fixed_loop_equals_simple_rnn(self):
        got = tutorial_rnn(self.inputs, self.Wx, self.Wh, self.b)
        self.assertEqual(got.shape, (10, 8))
        np.testing.assert_allclose(got, self.reference(self.inputs), atol=1e-12, rtol=1e-12)
        as32 = self.reference(self.inputs.astype(np.float32))
        self.assertEqual(as32.dtype, np.float32)
        np.testing.assert_allclose(got, as32, atol=1e-6, rtol=1e-6)

    def test_typo_is_caught(self):
        typo = tutorial_rnn_as_printed(self.inputs, self.Wx, self.Wh, self.b)
        good = self.reference(self.inputs)
        # Step one is the same (h_0 = 0 either way); after that the state is lost.
        np.testing.assert_allclose(typo[0], good[0], atol=1e-12)
        self.assertGreater(np.max(np.abs(typo[1:] - good[1:])), 1e-3)
        self.assertFalse(np.allclose(typo, good, atol=1e-6, rtol=1e-6))


class ReferenceDetails(unittest.TestCase):
    def test_unknown_activation_is_named(self):
        with self.assertRaisesRegex(ValueError, "'bogus'"):
            ref.get_activation("bogus")

    def test_activations(self):
        x = np.array([-4.0, -1.0, 0.0, 1.0, 4.0], np.float32)
        expect = {"hard_sigmoid": [0.0, 1 / 3, 0.5, 2 / 3, 1.0], "relu": [0, 0, 0, 1, 4],
                  "linear": x, None: x, "softsign": x / (1 + np.abs(x)),
                  "gelu": [-1.2668e-4, -0.158655, 0.0, 0.841345, 3.999873]}
        for name, values in expect.items():
            out = ref.get_activation(name)(x)
            self.assertEqual(out.dtype, np.float32, name)
            np.testing.assert_allclose(out, values, atol=1e-6, err_msg=str(name))
        for name in ref.ACTIVATIONS:
            self.assertEqual(ref.get_activation(name)(x).dtype, np.float32, name)

    def test_two_dimensional_input_is_a_batch_of_one(self):
        x = seq((5, 3)) / 10
        w = constant_weights("simple_rnn", 3, 2)
        np.testing.assert_array_equal(ref.simple_rnn(x, *w), ref.simple_rnn(x[None], *w))

    def test_go_backwards_is_the_reversed_sequence(self):
        x = np.random.default_rng(3).uniform(-1, 1, (2, 5, 3)).astype(np.float32)
        w = constant_weights("gru", 3, 4)
        back = ref.gru(x, *w, go_backwards=True, return_sequences=True)
        np.testing.assert_array_equal(back, ref.gru(x[:, ::-1], *w, return_sequences=True))


def _catalogue(name):
    return next(c for c in make_numpy_fixtures.CASES if c.name == name)


class Generator(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def snapshot(self, root):
        files = {}
        for dirpath, _, names in os.walk(root):
            for n in names:
                with open(os.path.join(dirpath, n), "rb") as f:
                    files[os.path.relpath(os.path.join(dirpath, n), root)] = f.read()
        return files

    def test_generate_twice_is_byte_identical(self):
        names = make_numpy_fixtures.generate(self.tmp)
        self.assertEqual(names, [c.name for c in make_numpy_fixtures.CASES])
        first = self.snapshot(self.tmp)
        self.assertEqual(make_numpy_fixtures.generate(self.tmp), names)
        self.assertEqual(self.snapshot(self.tmp), first)
        self.assertEqual(sorted(os.listdir(self.tmp)), sorted(names))  # no temporary leftovers

    def test_committed_fixtures_are_current(self):
        if not os.path.isdir(NUMPY_FIXTURES):
            self.skipTest("fixtures/numpy not generated yet")
        make_numpy_fixtures.generate(self.tmp)
        for name in _case_dirs(self.tmp):
            self.assertEqual(fixture_writer._comparable(os.path.join(self.tmp, name)),
                             fixture_writer._comparable(os.path.join(NUMPY_FIXTURES, name)), name)

    def test_case_json_contract(self):
        make_numpy_fixtures.generate(self.tmp, ["numpy_simple_rnn_last", "numpy_gru_reset_after"])
        with open(os.path.join(self.tmp, "numpy_simple_rnn_last", "case.json"), encoding="utf-8") as f:
            case = json.load(f)
        self.assertEqual(case["reference"], "numpy")
        self.assertEqual(set(case["provenance"]), {"generator", "python", "numpy", "created", "draw"})
        self.assertRegex(case["provenance"]["created"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        self.assertEqual(case["expected"]["total_params"], 42)
        self.assertEqual(case["expected"]["output_shapes"], [[8, 3]])
        self.assertIsNone(case["expected"]["summary"])
        self.assertIsNone(case["expected"]["summary_line_length"])
        bias = np.load(os.path.join(self.tmp, "numpy_gru_reset_after", "w02.npy"))
        self.assertEqual((bias.shape, bias.dtype.str), ((2, 12), "<f4"))

    def test_failed_write_leaves_old_case_intact(self):
        make_numpy_fixtures.generate(self.tmp, ["numpy_lstm_last"])
        before = self.snapshot(self.tmp)
        args = make_numpy_fixtures.build(_catalogue("numpy_lstm_last"))
        args["runs"][0]["outputs"] = [np.array(["not numeric"], dtype=object)]
        with self.assertRaises(TypeError):
            fixture_writer.write_case(self.tmp, **args)
        self.assertEqual(self.snapshot(self.tmp), before)
        self.assertEqual(os.listdir(self.tmp), ["numpy_lstm_last"])

    def test_changed_case_is_replaced(self):
        make_numpy_fixtures.generate(self.tmp, ["numpy_lstm_last"])
        args = make_numpy_fixtures.build(_catalogue("numpy_lstm_last"))
        args["description"] = "changed"
        self.assertTrue(fixture_writer.write_case(self.tmp, **args))
        with open(os.path.join(self.tmp, "numpy_lstm_last", "case.json"), encoding="utf-8") as f:
            self.assertEqual(json.load(f)["description"], "changed")
        self.assertEqual(os.listdir(self.tmp), ["numpy_lstm_last"])

    def test_main_list_and_unknown_name(self):
        with contextlib.redirect_stdout(io.StringIO()) as out, contextlib.redirect_stderr(io.StringIO()) as err:
            self.assertEqual(make_numpy_fixtures.main(["--list"]), 0)
            self.assertEqual(make_numpy_fixtures.main(["--out", self.tmp, "no_such_case"]), 2)
        self.assertIn("numpy_tutorial_example", out.getvalue())
        self.assertIn("no_such_case", err.getvalue())


if __name__ == "__main__":
    unittest.main()
