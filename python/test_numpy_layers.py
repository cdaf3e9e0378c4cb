"""The NumPy layers (numpy_layers: core, rnn, regularization) and the model interpreter (numpy_runner).

Expected values are formulas computed independently in float64 (Keras docs / source), or the
recurrences of numpy_reference (checked against Keras's own numbers in test_numpy_reference)
combined as Keras's Bidirectional / TimeDistributed / Layer.__call__ combine them.
The shared models (../shared or RNNPARITY_SHARED) are recomputed where every layer is registered.

Run: python3 -m unittest discover -s python -p 'test_*.py'   (from the repo root)
"""
import contextlib
import copy
import json
import os
import shutil
import sys
import tempfile
import unittest

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import case_io  # noqa: E402
import keras_json  # noqa: E402
import numpy_layers  # noqa: E402
import numpy_reference as ref  # noqa: E402
import numpy_runner  # noqa: E402

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("RNNPARITY_SHARED") or os.path.join(os.path.dirname(REPO_ROOT), "shared")
R = numpy_layers.REGISTRY


@contextlib.contextmanager
def registered(key, spec):
    """spec in the shared REGISTRY under key for the block; whatever was there before comes back."""
    missing = object()
    before = R.get(key, missing)
    R[key] = spec
    try:
        yield
    finally:
        if before is missing:
            del R[key]
        else:
            R[key] = before


def rng_arrays(seed, *shapes):
    rng = np.random.default_rng(seed)
    return [rng.uniform(-0.5, 0.5, s).astype(np.float32) for s in shapes]


def rnn_config(units, **options):
    return keras_json.layer_config(options.pop("class_name", "GRU"), dict(options, units=units))


class Core(unittest.TestCase):
    def test_dense_is_activation_of_x_kernel_plus_bias_on_any_rank(self):
        x, kernel, bias = rng_arrays(1, (2, 3, 4), (4, 5), (5,))
        mask = np.array([[True, False, True], [True, True, False]])
        (y,), (m,) = R["Dense"].call({"units": 5, "activation": "tanh"}, [kernel, bias], [x], [mask])
        expected = np.tanh(x.astype(np.float64) @ kernel.astype(np.float64) + bias)
        self.assertEqual(y.dtype, np.float32)
        np.testing.assert_allclose(y, expected, atol=1e-6)
        self.assertIs(m, mask)  # supports_masking: the mask passes on
        self.assertEqual(R["Dense"].output_shapes({"units": 5}, [[None, 3, 4]]), [[None, 3, 5]])
        self.assertEqual(R["Dense"].weight_shapes({"units": 5, "use_bias": False}, [[None, 4]]), [("kernel", (4, 5))])

    def test_embedding_truncates_float_ids_and_masks_zero(self):
        (table,) = rng_arrays(2, (4, 3))
        ids = np.array([[1.7, 0.0, 3.9, 0.5]], np.float32)
        (y,), (m,) = R["Embedding"].call({"input_dim": 4, "output_dim": 3, "mask_zero": True}, [table], [ids], [None])
        np.testing.assert_array_equal(y, table[[[1, 0, 3, 0]]])
        np.testing.assert_array_equal(m, [[True, False, True, True]])  # compute_mask sees 0.5, not int32(0.5)
        _, (m,) = R["Embedding"].call({"input_dim": 4, "output_dim": 3}, [table], [ids], [np.ones((1, 4), bool)])
        self.assertIsNone(m)  # supports_masking = mask_zero: an incoming mask is dropped
        with self.assertRaisesRegex(ValueError, "input_dim=4"):
            R["Embedding"].call({"input_dim": 4, "output_dim": 3}, [table], [np.array([[4]], np.int32)], [None])

    def test_masking_zeroes_and_masks_steps_equal_to_mask_value(self):
        x = np.array([[[0.5, 0.5], [1.0, 0.5], [0.5, 0.5]]], np.float32)
        (y,), (m,) = R["Masking"].call({"mask_value": 0.5}, [], [x], [None])
        np.testing.assert_array_equal(m, [[False, True, False]])
        np.testing.assert_array_equal(y, [[[0, 0], [1.0, 0.5], [0, 0]]])

    def test_regularization_layers_are_identities_keeping_the_mask(self):
        x, mask = np.ones((1, 2, 3), np.float32), np.array([[True, False]])
        for name in ("Dropout", "SpatialDropout1D", "GaussianNoise", "GaussianDropout", "AlphaDropout",
                     "ActivityRegularization"):
            (y,), (m,) = R[name].call({"rate": 0.5}, [], [x], [mask])
            self.assertIs(y, x, name)
            self.assertIs(m, mask, name)


class ActivationsByName(unittest.TestCase):
    """The activations a Dense or RNN config names, against Keras's documented formulas in float64."""

    def test_formulas(self):
        x = np.linspace(-7, 7, 57).astype(np.float32)
        d = x.astype(np.float64)
        relu6 = np.clip(d, 0, 6)
        softplus = np.log1p(np.exp(d))
        e = np.exp(d - d.max())
        expected = {
            "relu6": relu6, "leaky_relu": np.where(d > 0, d, 0.2 * d),
            "celu": np.where(d > 0, d, np.expm1(d)), "hard_silu": d * np.clip(d + 3, 0, 6) / 6,
            "hard_swish": d * np.clip(d + 3, 0, 6) / 6, "hard_tanh": np.clip(d, -1, 1),
            "tanh_shrink": d - np.tanh(d), "log_sigmoid": -np.log1p(np.exp(-d)),
            "mish": d * np.tanh(softplus), "sparse_sigmoid": np.clip((d + 1) / 2, 0, 1),
            "log_softmax": np.log(e / e.sum()),
        }
        for name, want in expected.items():
            got = ref.get_activation(name)(x)
            self.assertEqual(got.dtype, np.float32, name)
            np.testing.assert_allclose(got, want, atol=2e-6, rtol=1e-6, err_msg=name)


class Bidirectional(unittest.TestCase):
    def setUp(self):
        self.x, = rng_arrays(3, (2, 5, 3))
        self.fw = rng_arrays(4, (3, 12), (4, 12), (2, 12))
        self.bw = rng_arrays(5, (3, 12), (4, 12), (2, 12))
        self.mask = np.array([[True] * 5, [True, True, True, False, False]])

    def config(self, merge_mode="concat", **options):
        return keras_json.layer_config("Bidirectional", dict(layer=("GRU", dict(units=4, **options)),
                                                              merge_mode=merge_mode))

    def halves(self, mask=None, return_sequences=True, **kw):
        zero = return_sequences  # Keras forces zero_output_for_mask = return_sequences
        y = ref.gru(self.x, *self.fw, mask=mask, return_sequences=return_sequences, return_state=True,
                    zero_output_for_mask=zero, **kw)
        y_rev = ref.gru(self.x, *self.bw, mask=mask, return_sequences=return_sequences, return_state=True,
                        zero_output_for_mask=zero, go_backwards=True, **kw)
        return y, y_rev

    def test_every_merge_mode(self):
        y, y_rev = self.halves()
        a, b = y[0].astype(np.float64), y_rev[0][:, ::-1].astype(np.float64)  # backward flipped back
        expected = {"concat": np.concatenate([a, b], -1), "sum": a + b, "mul": a * b, "ave": (a + b) / 2}
        for mode, want in expected.items():
            cfg = self.config(mode, return_sequences=True)
            (out,), _ = R["Bidirectional"].call(cfg, self.fw + self.bw, [self.x], [None])
            np.testing.assert_allclose(out, want, atol=1e-6, err_msg=mode)
            self.assertEqual(list(out.shape[1:]), R["Bidirectional"].output_shapes(cfg, [[None, 5, 3]])[0][1:])
        outs, _ = R["Bidirectional"].call(self.config(None, return_sequences=True), self.fw + self.bw, [self.x], [None])
        self.assertEqual(len(outs), 2)
        np.testing.assert_array_equal(outs[1], y_rev[0][:, ::-1])

    def test_masked_steps_are_zero_and_the_mask_passes_on_with_sequences(self):
        cfg = self.config("concat", return_sequences=True)
        (out,), (m,) = R["Bidirectional"].call(cfg, self.fw + self.bw, [self.x], [self.mask])
        np.testing.assert_array_equal(out[1, 3:], 0)
        self.assertIs(m, self.mask)
        y, y_rev = self.halves(self.mask)
        np.testing.assert_allclose(out, np.concatenate([y[0], y_rev[0][:, ::-1]], -1), atol=1e-7)

    def test_return_state_gives_forward_then_backward_states_and_initial_state_splits_in_halves(self):
        cfg = self.config("sum", return_state=True)
        h0 = rng_arrays(6, (2, 4), (2, 4))
        outs, masks = R["Bidirectional"].call(cfg, self.fw + self.bw, [self.x, *h0], [self.mask, None, None])
        y = ref.gru(self.x, *self.fw, mask=self.mask, return_state=True, initial_state=[h0[0]])
        y_rev = ref.gru(self.x, *self.bw, mask=self.mask, return_state=True, go_backwards=True, initial_state=[h0[1]])
        self.assertEqual(len(outs), 3)
        np.testing.assert_allclose(outs[0], y[0].astype(np.float64) + y_rev[0], atol=1e-6)
        np.testing.assert_array_equal(outs[1], y[1])
        np.testing.assert_array_equal(outs[2], y_rev[1])
        self.assertEqual(masks, [None, None, None])
        self.assertEqual(R["Bidirectional"].output_shapes(cfg, [[None, 5, 3]]), [[None, 4], [None, 4], [None, 4]])

    def test_backward_layer_config_is_used(self):
        cfg = self.config("concat")
        cfg["backward_layer"]["config"]["activation"] = "relu"
        (out,), _ = R["Bidirectional"].call(cfg, self.fw + self.bw, [self.x], [None])
        back = ref.gru(self.x, *self.bw, activation="relu", go_backwards=True)
        np.testing.assert_array_equal(out[:, 4:], back)
        cfg["backward_layer"]["config"]["go_backwards"] = False
        with self.assertRaisesRegex(ValueError, "go_backwards"):
            R["Bidirectional"].call(cfg, self.fw + self.bw, [self.x], [None])


def _cell(class_name, units, **options):
    return {"class_name": class_name, "config": dict(name=keras_json.default_name(class_name), units=units, **options)}


class RnnOverCells(unittest.TestCase):
    def setUp(self):
        rng = np.random.default_rng(31)
        self.x = rng.uniform(-1, 1, (3, 6, 2)).astype(np.float32)
        self.mask = np.array([[True] * 6, [True] * 4 + [False] * 2, [False] * 2 + [True] * 4])
        self.gru = rng_arrays(32, (2, 12), (4, 12), (2, 12))
        self.lstm = rng_arrays(33, (4, 12), (3, 12), (12,))

    def stacked(self, **options):
        return dict(cell={"class_name": "StackedRNNCells", "config": {
            "name": "stacked_rnn_cells", "cells": [_cell("GRUCell", 4), _cell("LSTMCell", 3)]}}, **options)

    def test_stacked_single_state_cells_keras_literals(self):
        # keras/src/layers/rnn/stacked_rnn_cells_test.py test_correctness_single_state_stack: OneStateRNNCell is
        # a linear SimpleRNNCell without bias and with ones weights.
        seq = np.arange(24).reshape((2, 3, 4)).astype("float32")
        cells = [_cell("SimpleRNNCell", 3, activation="linear", use_bias=False),
                 _cell("SimpleRNNCell", 2, activation="linear", use_bias=False)]
        cfg = {"cell": {"class_name": "StackedRNNCells", "config": {"cells": cells}},
               "return_sequences": True, "return_state": True}
        ones = [np.ones(s, np.float32) for s in [(4, 3), (3, 3), (3, 2), (2, 2)]]
        out, s1, s2 = R["RNN"].call(cfg, ones, [seq], [None])[0]
        np.testing.assert_allclose(out, [[[18, 18], [156, 156], [786, 786]], [[162, 162], [1020, 1020], [4386, 4386]]])
        np.testing.assert_allclose(s1, [[158, 158, 158], [782, 782, 782]])
        np.testing.assert_allclose(s2, [[786, 786], [4386, 4386]])

    def test_one_cell_is_the_layer(self):
        for kind, weights in (("GRU", self.gru), ("LSTM", rng_arrays(34, (2, 12), (3, 12), (12,))),
                              ("SimpleRNN", rng_arrays(35, (2, 3), (3, 3), (3,)))):
            units = weights[1].shape[0]
            cfg = {"cell": _cell(kind + "Cell", units), "return_sequences": True, "go_backwards": True}
            (out,), _ = R["RNN"].call(cfg, weights, [self.x], [self.mask])
            fn = {"GRU": ref.gru, "LSTM": ref.lstm, "SimpleRNN": ref.simple_rnn}[kind]
            np.testing.assert_array_equal(out, fn(self.x, *weights, return_sequences=True, go_backwards=True,
                                                  mask=self.mask), kind)

    def test_stacked_cells_equal_stacked_layers_masks_included(self):
        outs, masks = R["RNN"].call(self.stacked(return_sequences=True, return_state=True), self.gru + self.lstm,
                                    [self.x], [self.mask])
        low, h1 = ref.gru(self.x, *self.gru, mask=self.mask, return_sequences=True, return_state=True)
        high, h2, c2 = ref.lstm(low, *self.lstm, mask=self.mask, return_sequences=True, return_state=True)
        # a masked step outputs the first state of the last cell (the LSTM's h), as stacked layers do
        for got, want in zip(outs, (high, h1, h2, c2)):
            np.testing.assert_allclose(got, want, atol=1e-7)
        self.assertIs(masks[0], self.mask)
        self.assertEqual(masks[1:], [None] * 3)
        self.assertEqual(R["RNN"].output_shapes(self.stacked(return_state=True), [[None, 6, 2]]),
                         [[None, 3], [None, 4], [None, 3], [None, 3]])
        self.assertEqual([n for n, _ in R["RNN"].weight_shapes(self.stacked(), [[None, 6, 2]])],
                         [f"stacked_rnn_cells/{c}/{w}" for c in ("gru_cell", "lstm_cell")
                          for w in ("kernel", "recurrent_kernel", "bias")])

    def test_unknown_cell_is_named(self):
        with self.assertRaisesRegex(ValueError, "'ConvLSTMCell' is not supported yet"):
            R["RNN"].output_shapes({"cell": _cell("ConvLSTMCell", 3)}, [[None, 6, 2]])


class TimeDistributed(unittest.TestCase):
    def test_dense_on_every_step_keeps_the_mask(self):
        x, kernel, bias = rng_arrays(7, (2, 4, 3), (3, 2), (2,))
        cfg = keras_json.layer_config("TimeDistributed", dict(layer=("Dense", dict(units=2, activation="sigmoid"))))
        mask = np.array([[True, True, False, False], [True] * 4])
        (y,), (m,) = R["TimeDistributed"].call(cfg, [kernel, bias], [x], [mask])
        z = x.astype(np.float64) @ kernel + bias
        np.testing.assert_allclose(y, 1 / (1 + np.exp(-z)), atol=1e-6)
        self.assertIs(m, mask)
        self.assertEqual(R["TimeDistributed"].output_shapes(cfg, [[None, 4, 3]]), [[None, 4, 2]])
        self.assertEqual(R["TimeDistributed"].weight_shapes(cfg, [[None, 4, 3]]), [("dense/kernel", (3, 2)), ("dense/bias", (2,))])

    def test_unregistered_inner_layer_is_named(self):
        cfg = {"layer": {"class_name": "SeparableConv2D", "config": {"name": "separable_conv2d"}}}
        with self.assertRaisesRegex(ValueError, "'SeparableConv2D' is not supported yet"):
            R["TimeDistributed"].weight_shapes(cfg, [[None, 4, 3]])


def _tensor(layer, index=0, shape=None):
    return {"class_name": "__keras_tensor__", "config": {"shape": shape, "dtype": "float32",
                                                         "keras_history": [layer, 0, index]}}


def _functional(layers, inputs, outputs):
    return {"class_name": "Functional", "config": {"name": "functional", "layers": layers,
                                                   "input_layers": inputs, "output_layers": outputs}}


def _input(name, batch_shape):
    return {"class_name": "InputLayer", "name": name, "inbound_nodes": [],
            "config": {"batch_shape": batch_shape, "dtype": "float32", "name": name}}


def _node(class_name, options, args, kwargs=None):
    layer = keras_json.layer_json(class_name, options)
    layer["inbound_nodes"] = [{"args": args, "kwargs": kwargs or {}}]
    return layer


class Interpreter(unittest.TestCase):
    """numpy_runner: graphs, Keras 3.15.1's mask rules, weights, states, errors."""

    def setUp(self):
        rng = np.random.default_rng(11)
        self.x = rng.uniform(-1, 1, (3, 6, 2)).astype(np.float32)
        self.x[1, 4:] = 0.0  # post-padded: Masking masks steps 4 and 5 of row 1
        self.h = [rng.uniform(-1, 1, (3, 4)).astype(np.float32) for _ in range(2)]
        self.lstm = rng_arrays(12, (2, 16), (4, 16), (16,))
        self.mask = np.any(self.x != 0, axis=-1)

    def encoder_decoder(self, explicit_mask):
        """x -> Masking -> LSTM(4, return_sequences=True)(initial_state=[h, c]) [mask=...]."""
        kwargs = {"initial_state": [_tensor("h"), _tensor("c")]}
        layers = [_input("x", [None, 6, 2]), _input("h", [None, 4]), _input("c", [None, 4]),
                  _node("Masking", {"name": "masking"}, [_tensor("x")])]
        if explicit_mask:
            layers.append(_node("NotEqualStub", {"name": "steps"}, [_tensor("x")]))
            kwargs["mask"] = _tensor("steps")
        layers.append(_node("LSTM", {"name": "lstm", "units": 4, "return_sequences": True},
                            [_tensor("masking")], kwargs))
        layers.append(_node("Dense", {"name": "dense", "units": 4}, [_tensor("lstm")]))
        return _functional(layers, [["x", 0, 0], ["h", 0, 0], ["c", 0, 0]], [["lstm", 0, 0], ["dense", 0, 0]])

    def test_initial_state_drops_the_mask_as_keras_does(self):
        # Layer.__call__ fills mask= only for a single tensor argument: with initial_state the LSTM
        # runs over the padded steps; its output mask is still the first argument's (compute_mask).
        eye = np.eye(4, dtype=np.float32)
        (seq, dense), = numpy_runner.run_model(self.encoder_decoder(False), self.lstm + [eye, np.zeros(4, np.float32)],
                                               [[self.x, *self.h]])[0]
        x_masked = np.where(self.mask[..., None], self.x, 0)
        np.testing.assert_array_equal(seq, ref.lstm(x_masked, *self.lstm, initial_state=self.h, return_sequences=True))
        self.assertFalse(np.array_equal(seq, ref.lstm(x_masked, *self.lstm, initial_state=self.h,
                                                      return_sequences=True, mask=self.mask)))
        np.testing.assert_allclose(dense, seq, atol=1e-6)

    def test_an_explicit_mask_is_honoured(self):
        class NotEqualStub:  # a stand-in for Keras's NotEqual/Any ops: any(x != 0, -1)
            operation = True
            weight_shapes = staticmethod(lambda c, s: [])
            output_shapes = staticmethod(lambda c, s: [list(s[0][:-1])])
            call = staticmethod(lambda c, w, inputs, masks: ([np.any(inputs[0] != 0, -1)], [None]))
        with registered("NotEqualStub", NotEqualStub):
            eye = np.eye(4, dtype=np.float32)
            outs, meta = numpy_runner.run_model(self.encoder_decoder(True), self.lstm + [eye, np.zeros(4, np.float32)],
                                                [[self.x, *self.h]])
        x_masked = np.where(self.mask[..., None], self.x, 0)
        np.testing.assert_array_equal(outs[0][0], ref.lstm(x_masked, *self.lstm, initial_state=self.h,
                                                           return_sequences=True, mask=self.mask))
        self.assertNotIn("steps", [layer["name"] for layer in meta["layers"]])  # operations are not model.layers
        self.assertEqual(meta["output_shapes"], [[None, 6, 4], [None, 6, 4]])

    def test_an_operation_takes_its_constants_among_its_inputs(self):
        seen = []

        class Greater:  # registered under "ops." like the ops group's operations
            weight_shapes = staticmethod(lambda c, s: [])

            @staticmethod
            def output_shapes(config, input_shapes):
                seen.append(input_shapes)
                return [list(input_shapes[0])]

            @staticmethod
            def call(config, weights, inputs, masks):
                return [(inputs[0] > inputs[1]).astype(np.float32)], [None]
        with registered("ops.Greater", Greater):
            op = {"module": "keras.src.ops.numpy", "class_name": "Greater", "name": "greater",
                  "config": {"name": "greater"}, "inbound_nodes": [{"args": [_tensor("x"), 0.25], "kwargs": {}}]}
            model = _functional([_input("x", [None, 6, 2]), op], [["x", 0, 0]], [["greater", 0, 0]])
            (out,), = numpy_runner.run_model(model, [], [[self.x]])[0]
        np.testing.assert_array_equal(out, (self.x > 0.25).astype(np.float32))
        self.assertEqual(seen[0], [[None, 6, 2], []])

    def test_sequential_carries_the_mask_through_dense_and_dropout(self):
        model = keras_json.sequential_model_json([None, 6, 2], [("Masking", {}), ("Dense", {"units": 3}),
                                                               ("Dropout", {"rate": 0.5}),
                                                               ("GRU", {"units": 4, "return_sequences": True})])
        kernel, bias = rng_arrays(13, (2, 3), (3,))
        gru = rng_arrays(14, (3, 12), (4, 12), (2, 12))
        (out,), = numpy_runner.run_model(model, [kernel, bias] + gru, [[self.x]])[0]
        dense = np.where(self.mask[..., None], self.x, 0) @ kernel + bias
        np.testing.assert_allclose(out, ref.gru(dense, *gru, mask=self.mask, return_sequences=True), atol=1e-6)

    def test_stateful_layers_carry_state_until_reset(self):
        model = keras_json.sequential_model_json([3, 6, 2], [("LSTM", {"units": 4, "stateful": True})])
        runs = numpy_runner.run_model(model, self.lstm, [[self.x]] * 3, [False, False, True])[0]
        first, h, c = ref.lstm(self.x, *self.lstm, return_state=True)
        np.testing.assert_array_equal(runs[0][0], first)
        np.testing.assert_array_equal(runs[1][0], ref.lstm(self.x, *self.lstm, initial_state=[h, c]))
        np.testing.assert_array_equal(runs[2][0], first)

    def test_legacy_keras2_inbound_nodes(self):
        model = self.encoder_decoder(False)
        lstm = model["config"]["layers"][4]
        lstm["inbound_nodes"] = [[["masking", 0, 0, {}]]]
        outs = numpy_runner.run_model(model, self.lstm + [np.eye(4, dtype=np.float32), np.zeros(4, np.float32)],
                                      [[self.x, *self.h]])[0]
        x_masked = np.where(self.mask[..., None], self.x, 0)
        np.testing.assert_array_equal(outs[0][0], ref.lstm(x_masked, *self.lstm, mask=self.mask, return_sequences=True))

    def test_unknown_class_and_bad_weights_are_named(self):
        model = self.encoder_decoder(False)
        model["config"]["layers"][3]["class_name"] = "SeparableConv2D"
        with self.assertRaises(case_io.CaseError) as cm:
            numpy_runner.describe_model(model, "mine")
        for part in ("mine", "model.json", "config.layers[3]", "'masking'", "'SeparableConv2D'"):
            self.assertIn(part, str(cm.exception))
        with self.assertRaisesRegex(case_io.CaseError, r"lstm/lstm_cell/recurrent_kernel has shape \(4, 4\), expected \(4, 16\)"):
            numpy_runner.run_model(self.encoder_decoder(False), [self.lstm[0], np.zeros((4, 4), np.float32)] + self.lstm[2:]
                                   + [np.eye(4, dtype=np.float32), np.zeros(4, np.float32)], [[self.x, *self.h]])
        with self.assertRaisesRegex(case_io.CaseError, "the model has 5 weights, got 3"):
            numpy_runner.run_model(self.encoder_decoder(False), self.lstm, [[self.x, *self.h]])

    def test_a_layer_that_fails_is_named_with_the_run(self):
        model = keras_json.sequential_model_json([None, 3], [("Embedding", {"input_dim": 5, "output_dim": 2})])
        with self.assertRaisesRegex(case_io.CaseError, r"layer 'embedding' \(Embedding\) in run 0: ValueError: ids"):
            numpy_runner.run_model(model, [np.zeros((5, 2), np.float32)], [[np.array([[1, 7, 0]], np.int32)]])


class NestedModels(unittest.TestCase):
    """A Sequential inside a Functional model and inside TimeDistributed computes what its layers do flat."""

    def setUp(self):
        rng = np.random.default_rng(21)
        self.x = rng.uniform(-1, 1, (3, 5, 2)).astype(np.float32)
        self.x[2, 3:] = 0.0
        self.dense = rng_arrays(22, (2, 3), (3,))
        self.gru = rng_arrays(23, (3, 12), (4, 12), (2, 12))

    def inner(self, name="inner"):
        inner = keras_json.sequential_model_json([None, 5, 2], [("Masking", {}), ("Dense", {"units": 3}),
                                                               ("GRU", {"units": 4, "return_sequences": True})])
        inner["config"]["name"] = name
        return inner

    def test_sequential_as_a_layer_of_a_functional_model(self):
        inner = self.inner()
        inner.update(name="inner", inbound_nodes=[{"args": [_tensor("x")], "kwargs": {}}])
        model = _functional([_input("x", [None, 5, 2]), inner,
                             _node("Dense", {"name": "head", "units": 1}, [_tensor("inner")])],
                            [["x", 0, 0]], [["head", 0, 0]])
        head = rng_arrays(24, (4, 1), (1,))
        (out,), = numpy_runner.run_model(model, self.dense + self.gru + head, [[self.x]])[0]
        flat = keras_json.sequential_model_json([None, 5, 2], [("Masking", {}), ("Dense", {"units": 3}),
                                                              ("GRU", {"units": 4, "return_sequences": True}),
                                                              ("Dense", {"units": 1})])
        (want,), = numpy_runner.run_model(flat, self.dense + self.gru + head, [[self.x]])[0]
        np.testing.assert_array_equal(out, want)
        meta = numpy_runner.run_model(model, self.dense + self.gru + head, [[self.x]])[1]
        self.assertEqual([(l["name"], l["params"]) for l in meta["layers"]], [("x", 0), ("inner", 9 + 36 + 48 + 24), ("head", 5)])

    def test_the_nested_models_output_mask_reaches_the_next_layer(self):
        inner = self.inner()
        inner["config"]["layers"] = inner["config"]["layers"][:3]  # Masking -> Dense: the mask leaves the model
        outer = {"class_name": "Sequential", "config": {"name": "outer", "layers": [
            {"class_name": "InputLayer", "config": {"batch_shape": [None, 5, 2], "name": "x"}}, inner,
            keras_json.layer_json("GRU", {"units": 4, "return_sequences": True})]}}
        (out,), = numpy_runner.run_model(outer, self.dense + self.gru, [[self.x]])[0]
        mask = np.any(self.x != 0, -1)
        dense = np.where(mask[..., None], self.x, 0) @ self.dense[0] + self.dense[1]
        np.testing.assert_allclose(out, ref.gru(dense, *self.gru, mask=mask, return_sequences=True), atol=1e-6)

    def test_sequential_inside_time_distributed(self):
        inner = keras_json.sequential_model_json([None, 2], [("Dense", {"units": 3, "activation": "relu"}),
                                                            ("Dense", {"units": 2})])
        model = keras_json.sequential_model_json([None, 5, 2], [("TimeDistributed", {"layer": ("Dense", {"units": 1})})])
        model["config"]["layers"][1]["config"]["layer"] = inner
        second = rng_arrays(25, (3, 2), (2,))
        (out,), = numpy_runner.run_model(model, self.dense + second, [[self.x]])[0]
        want = np.maximum(self.x.astype(np.float64) @ self.dense[0] + self.dense[1], 0) @ second[0] + second[1]
        np.testing.assert_allclose(out, want, atol=1e-6)


class LiveModels(unittest.TestCase):
    """live_parity's layered models: what the C# side (LiveModelParity) receives."""

    def test_every_model_is_drawn_the_same_each_time(self):
        import live_parity
        for name in live_parity.model_names():
            a, b = live_parity.model_case(name), live_parity.model_case(name)
            self.assertEqual(a["model_json"], b["model_json"], name)
            self.assertEqual(len(a["inputs"]), len(a["reset_states"]), name)
            for x, y in zip(a["weights"] + [o for run in a["outputs"] for o in run],
                            b["weights"] + [o for run in b["outputs"] for o in run]):
                np.testing.assert_array_equal(x, y, err_msg=name)
            graph, shapes = numpy_runner.describe_model(json.loads(a["model_json"]), name)
            self.assertEqual([w.shape for w in a["weights"]], [tuple(s) for s in shapes], name)

    def test_unknown_model_is_named(self):
        import live_parity
        with self.assertRaisesRegex(ValueError, "'nope'.*encoder_decoder_initial_state"):
            live_parity.model_case("nope")


class CaseWeights(unittest.TestCase):
    """Weights of a case by its `layer` field: a top-level layer or one nested in it."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        src = os.path.join(REPO_ROOT, "fixtures", "numpy", "numpy_bidirectional_gru_masked")
        self.case = os.path.join(self.tmp, "numpy_bidirectional_gru_masked")
        shutil.copytree(src, self.case)
        with open(os.path.join(self.case, "case.json"), encoding="utf-8") as f:
            self.doc = json.load(f)

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def rewrite(self, doc):
        with open(os.path.join(self.case, "case.json"), "w", encoding="utf-8") as f:
            json.dump(doc, f)

    def test_nested_layer_names_as_keras_gives_a_loaded_model(self):
        before = numpy_runner.compute(self.case)
        doc = copy.deepcopy(self.doc)
        for w in doc["weights"]:
            w["layer"] = w["path"].split("/")[2]  # forward_gru / backward_gru
        self.rewrite(doc)
        after = numpy_runner.compute(self.case)
        np.testing.assert_array_equal(after["runs"][0]["outputs"][0], before["runs"][0]["outputs"][0])

    def test_weights_of_an_unknown_layer_or_missing_weights_are_named(self):
        doc = copy.deepcopy(self.doc)
        doc["weights"][0]["layer"] = "nowhere"
        self.rewrite(doc)
        with self.assertRaisesRegex(case_io.CaseError, r"case.json, field weights\[0\].layer: .*'nowhere'"):
            numpy_runner.compute(self.case)
        doc = copy.deepcopy(self.doc)
        del doc["weights"][-1]
        self.rewrite(doc)
        with self.assertRaisesRegex(case_io.CaseError, "layer 'bidirectional' needs 6 weights .* the case gives 5"):
            numpy_runner.compute(self.case)


def _classes(model):
    """The registry keys of every layer in a model.json, nested ones included."""
    found = set()

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("config"), dict) and isinstance(node.get("class_name"), str) \
                    and "name" in node["config"]:
                found.add(numpy_runner._registry_key(node))
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
    walk(model)
    return found


class SharedModels(unittest.TestCase):
    """../shared/keras-models and wild-models (Keras 3.15.1 outputs): every case whose layers are
    all registered is recomputed within its tolerance, with Keras's shapes and parameter counts."""


def _shared_test(case_dir):
    def test(self):
        if not os.path.isdir(case_dir):
            self.skipTest(f"shared test data not found at {case_dir} (set RNNPARITY_SHARED)")
        doc = case_io.read_case(case_dir)
        model = case_io.read_json(case_dir, doc["model"])
        missing = sorted(_classes(model) - set(R) - {"Sequential", "Functional", "DTypePolicy"})
        if missing:
            self.skipTest(f"layers without a NumPy version yet: {', '.join(missing)}")
        result = numpy_runner.compute(case_dir)
        for key in ("output_shapes", "layers", "total_params", "trainable_params", "non_trainable_params"):
            self.assertEqual(result[key], doc["expected"][key], key)
        tol = doc["tolerance"]
        for run, expected in zip(result["runs"], case_io.load_run_outputs(case_dir, doc)):
            self.assertEqual(len(run["outputs"]), len(expected))
            for actual, want in zip(run["outputs"], expected):
                self.assertEqual(actual.shape, want.shape)
                np.testing.assert_allclose(actual, want, atol=tol["atol"], rtol=tol["rtol"])
    return test


def _shared_folder_without_cases_test(root):
    def test(self):
        if not os.path.isdir(root):
            self.skipTest(f"shared test data not found at {root} (set RNNPARITY_SHARED)")
        self.fail(f"no case found in {root} (a case is a folder holding case.json)")
    return test


for _folder in ("keras-models", "wild-models"):
    _root = os.path.join(SHARED, _folder)
    _names = sorted(d for d in os.listdir(_root) if os.path.isfile(os.path.join(_root, d, "case.json"))) \
        if os.path.isdir(_root) else []
    for _name in _names:
        setattr(SharedModels, f"test_{_folder.replace('-', '_')}_{_name}", _shared_test(os.path.join(_root, _name)))
    if not _names:
        # Absent: skipped with the reason (shared data is optional). Present but without a case: a failure,
        # so a moved or emptied folder cannot pass with nothing checked.
        setattr(SharedModels, f"test_{_folder.replace('-', '_')}", _shared_folder_without_cases_test(_root))


if __name__ == "__main__":
    unittest.main()
