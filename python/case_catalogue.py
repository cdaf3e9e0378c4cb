#!/usr/bin/env python3
"""The one catalogue of fixture cases, Keras-reference and NumPy-reference alike.

An entry is a name, a description, a seed, a reference and a model builder:

  * reference "keras": `keras_case(name, description, seed, build, inputs)` where
    build(keras) returns the model (keras.Sequential([keras.Input(...), ...]) or
    keras.Model(...)); it is called after keras.utils.clear_session(), so layer
    names start fresh. inputs is one tuple of Draws per run (runs= gives each
    run's reset_states flag). The summary width is Keras's default for the model
    kind (88 sequential-like, 108 otherwise), never the terminal's, unless
    summary_line_length= pins another.
  * reference "numpy": `make_numpy_fixtures.Case(...)`, one SimpleRNN/LSTM/GRU
    layer; make_numpy_fixtures builds and numpy_reference computes it. Or
    `numpy_model_case(name, description, seed, batch_shape, layers, inputs)`: a
    Sequential model of any layers in numpy_layers.REGISTRY, layers given as
    (class_name, options) (keras_json writes their config as Keras does; a wrapper
    takes options layer=(class_name, options)); the weight shapes, output shapes
    and parameter counts come from the layers' protocol and the outputs from the
    NumPy model interpreter (numpy_runner).

Weights and inputs come from numpy.random.default_rng(seed): every weight
uniform(-0.5, 0.5) float32 in model.get_weights() order, then every input of
every run in order, as the entry's Draws say; the `draw` field records it.

The first KERAS_CASES reproduce the Keras 3.15.1 reference cases in fixtures/keras/ (where Keras
3.15.1 with the numpy backend is installed, `generate` writes the same arrays,
model.json, summary and expectations; provenance.generator/created differ).

    python3 python/case_catalogue.py [--list] [--out FIXTURES_ROOT] [NAME...]

Library functions never exit (pythonnet imports this module in-process).
"""
import argparse
import os
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable

import numpy as np

import fixture_writer
import keras_json
import keras_reference
import make_numpy_fixtures
import numpy_runner
from make_numpy_fixtures import Case, _rnn

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_ROOT = os.path.join(REPO_ROOT, "fixtures")
DRAW_PREFIX = ("numpy.random.default_rng(seed): weights uniform(-0.5, 0.5) float32 in model.get_weights() "
               "order, then the inputs in this order: ")


@dataclass(frozen=True)
class Draw:
    """One model input of one run: uniform(low, high, shape) float32 or integers(low, high, shape) int32,
    optionally with, per row, n = integers(0, shape[1]) entries set to 0 at the start or the end."""
    kind: str                 # "uniform" or "integers"
    low: object
    high: object
    shape: tuple
    pad: str = None           # None, "start" or "end"
    pad_unit: str = "positions"

    def describe(self):
        dtype = "float32" if self.kind == "uniform" else "int32"
        text = f"{self.kind}({self.low!r}, {self.high!r}, {tuple(self.shape)!r}) {dtype}"
        if self.pad:
            text += (f", then per row n = integers(0, {self.shape[1]}) {self.pad_unit} set to 0 "
                     f"at the {self.pad}")
        return text

    def sample(self, rng):
        if self.kind == "uniform":
            x = rng.uniform(self.low, self.high, self.shape).astype(np.float32)
        elif self.kind == "integers":
            x = rng.integers(self.low, self.high, self.shape).astype(np.int32)
        else:
            raise ValueError(f"unknown draw kind {self.kind!r}")
        if self.pad:
            steps = self.shape[1]
            for row in range(self.shape[0]):
                n = int(rng.integers(0, steps))
                if self.pad == "start":
                    x[row, :n] = 0
                elif n:
                    x[row, steps - n:] = 0
        return x


def uniform(shape, low=-1.0, high=1.0, **pad):
    return Draw("uniform", low, high, tuple(shape), **pad)


def integers(shape, low, high, **pad):
    return Draw("integers", low, high, tuple(shape), **pad)


@dataclass(frozen=True)
class KerasCase:
    name: str
    description: str
    seed: int
    build: Callable           # build(keras) -> model
    inputs: tuple             # per run: tuple of Draw, one per model input
    runs: tuple = None        # reset_states per run (default: all False)
    tolerance: dict = field(default_factory=lambda: {"atol": 1e-6, "rtol": 1e-6})
    summary_line_length: int = None
    reference: str = "keras"

    def reset_flags(self):
        return tuple(self.runs) if self.runs is not None else (False,) * len(self.inputs)


def keras_case(name, description, seed, build, inputs, **kw):
    """inputs: a Draw (one input, one run), a tuple of Draws (several inputs, one run) or a list of those per run."""
    if isinstance(inputs, Draw):
        inputs = [(inputs,)]
    elif isinstance(inputs, tuple):
        inputs = [inputs]
    inputs = tuple(d if isinstance(d, tuple) else (d,) for d in inputs)
    return KerasCase(name, description, seed, build, inputs, **kw)


@dataclass(frozen=True)
class NumpyModelCase:
    name: str
    description: str
    seed: int
    batch_shape: tuple        # the InputLayer's batch_shape (None for an unknown batch or time)
    layers: tuple             # ((class_name, options), ...) after the InputLayer
    inputs: tuple             # per run: tuple of Draw, one per model input
    runs: tuple = None        # reset_states per run (default: all False)
    input_dtype: str = "float32"
    tolerance: dict = field(default_factory=lambda: {"atol": 1e-5, "rtol": 1e-5})
    reference: str = "numpy"
    model: Callable = None    # a Functional model instead: model() -> model.json dict (keras_json.functional_model_json)
    positive: tuple = ()      # weight names drawn as 0.5 + |uniform(-0.5, 0.5)| (a variance must be positive)

    def model_json(self):
        if self.model is not None:
            return self.model()
        return keras_json.sequential_model_json(self.batch_shape, self.layers, self.input_dtype)

    def reset_flags(self):
        return tuple(self.runs) if self.runs is not None else (False,) * len(self.inputs)


def numpy_functional_case(name, description, seed, model, inputs, **kw):
    """A NumPy case of a Functional model: model() gives its model.json (keras_json.functional_model_json)."""
    return numpy_model_case(name, description, seed, (), (), inputs, model=model, **kw)


def numpy_model_case(name, description, seed, batch_shape, layers, inputs, **kw):
    """A NumPy case of a Sequential model; inputs as keras_case takes them."""
    if isinstance(inputs, Draw):
        inputs = [(inputs,)]
    elif isinstance(inputs, tuple):
        inputs = [inputs]
    inputs = tuple(d if isinstance(d, tuple) else (d,) for d in inputs)
    return NumpyModelCase(name, description, seed, tuple(batch_shape), tuple(layers), inputs, **kw)


def build_numpy_model_case(case):
    """fixture_writer.write_case's arguments for a NumpyModelCase (weights drawn in get_weights() order)."""
    model_json = case.model_json()
    graph, shapes = numpy_runner.describe_model(model_json, case.name)
    weights, inputs = draw_arrays(case, shapes)
    names = [wname.rsplit("/", 1)[-1] for layer in graph.layers for wname, _ in layer.weight_shapes]
    weights = [0.5 + np.abs(w) if n in case.positive else w for n, w in zip(names, weights)]
    flags = case.reset_flags()
    if len(flags) != len(inputs):
        raise ValueError(f"{case.name}: {len(flags)} reset flags for {len(inputs)} runs")
    outputs, meta = numpy_runner.run_model(model_json, weights, inputs, flags, case.name)
    # Keras's variable paths: "sequential/dense/kernel"; a Functional model's have no model prefix (its
    # layers are built when it is made, outside any model's name scope), a nested Functional's neither.
    prefix = f"{model_json['config']['name']}/" if model_json["class_name"] == "Sequential" else ""
    entries, k = [], 0
    for layer in graph.layers:
        for wname, _ in layer.weight_shapes:
            path = wname if layer.class_name in ("Functional", "Model") else f"{prefix}{layer.name}/{wname}"
            entries.append((path, layer.name, wname.rsplit("/", 1)[-1], weights[k]))
            k += 1
    return dict(
        name=case.name, description=case.description, seed=case.seed, model_json=model_json, weights=entries,
        runs=[{"reset_states": bool(f), "inputs": x, "outputs": y} for f, x, y in zip(flags, inputs, outputs)],
        expected=meta, tolerance=dict(case.tolerance), draw=draw_text(case), generator="case_catalogue.py")


def draw_text(case):
    text = DRAW_PREFIX + "; ".join(f"run {r} input {i}: {d.describe()}"
                                   for r, run in enumerate(case.inputs) for i, d in enumerate(run))
    if getattr(case, "positive", ()):
        text += f"; then every {', '.join(case.positive)} weight w becomes 0.5 + |w|"
    return text


def draw_arrays(case, weight_shapes):
    """(weights, inputs per run) drawn from the case's seed for these get_weights() shapes."""
    rng = np.random.default_rng(case.seed)
    weights = [rng.uniform(-0.5, 0.5, tuple(s)).astype(np.float32) for s in weight_shapes]
    inputs = [[d.sample(rng) for d in run] for run in case.inputs]
    return weights, inputs


_LOOSE = {"atol": 1e-5, "rtol": 1e-5}


def _seq(keras, shape=None, layers=(), **input_kw):
    inp = keras.Input(shape=shape, **input_kw) if shape is not None else keras.Input(**input_kw)
    return keras.Sequential([inp, *layers])


def _initial_state_model(k):
    x, s = k.Input(shape=(6, 3)), k.Input(shape=(4,))
    return k.Model([x, s], k.layers.SimpleRNN(4, return_sequences=True)(x, initial_state=s))


def _return_state_model(k):
    x = k.Input(shape=(5, 4))
    seq, h = k.layers.SimpleRNN(3, return_sequences=True, return_state=True)(x)
    return k.Model(x, [seq, h])


KERAS_CASES = [
    # --- the 18 Keras 3.15.1 reference cases of fixtures/keras, reproduced
    keras_case("seed_simple_rnn_last", "SimpleRNN(3) on input (2, 10): last hidden state, 42 params", 101,
               lambda k: _seq(k, (2, 10), [k.layers.SimpleRNN(3)]), uniform((4, 2, 10))),
    keras_case("seed_simple_rnn_batch8", "SimpleRNN(3) with batch shape (8, 2, 10): output (8, 3)", 102,
               lambda k: _seq(k, layers=[k.layers.SimpleRNN(3)], batch_shape=(8, 2, 10)), uniform((8, 2, 10))),
    keras_case("seed_simple_rnn_sequences_batch8",
               "SimpleRNN(3, return_sequences=True), batch shape (8, 2, 10): output (8, 2, 3)", 103,
               lambda k: _seq(k, layers=[k.layers.SimpleRNN(3, return_sequences=True)], batch_shape=(8, 2, 10)),
               uniform((8, 2, 10))),
    keras_case("seed_numpy_example",
               "SimpleRNN(8) over 10 timesteps of 4 features, all hidden states (the NumPy loop example)", 104,
               lambda k: _seq(k, (10, 4), [k.layers.SimpleRNN(8, return_sequences=True)]),
               uniform((1, 10, 4), 0.0, 1.0)),
    keras_case("simple_rnn_relu_nobias", "SimpleRNN(5, activation='relu', use_bias=False)", 105,
               lambda k: _seq(k, (6, 3), [k.layers.SimpleRNN(5, activation="relu", use_bias=False,
                                                             return_sequences=True)]),
               uniform((3, 6, 3))),
    keras_case("simple_rnn_go_backwards", "SimpleRNN(4, go_backwards=True, return_sequences=True)", 106,
               lambda k: _seq(k, (7, 3), [k.layers.SimpleRNN(4, go_backwards=True, return_sequences=True)]),
               uniform((2, 7, 3))),
    keras_case("lstm_sequences", "LSTM(5, return_sequences=True)", 107,
               lambda k: _seq(k, (8, 4), [k.layers.LSTM(5, return_sequences=True)]), uniform((3, 8, 4)),
               tolerance=_LOOSE),
    keras_case("gru_reset_after", "GRU(4) with reset_after=True (Keras 3 default)", 108,
               lambda k: _seq(k, (6, 3), [k.layers.GRU(4, return_sequences=True)]), uniform((2, 6, 3)),
               tolerance=_LOOSE),
    keras_case("gru_reset_before", "GRU(4, reset_after=False)", 109,
               lambda k: _seq(k, (6, 3), [k.layers.GRU(4, reset_after=False)]), uniform((2, 6, 3)),
               tolerance=_LOOSE),
    keras_case("bidirectional_simple_rnn_concat",
               "Bidirectional(SimpleRNN(3, return_sequences=True)), merge_mode='concat'", 110,
               lambda k: _seq(k, (5, 4), [k.layers.Bidirectional(k.layers.SimpleRNN(3, return_sequences=True),
                                                                 merge_mode="concat")]),
               uniform((2, 5, 4))),
    keras_case("stacked_rnn_dense", "SimpleRNN(6, return_sequences=True) -> LSTM(4) -> Dense(2, softmax)", 111,
               lambda k: _seq(k, (9, 3), [k.layers.SimpleRNN(6, return_sequences=True), k.layers.LSTM(4),
                                          k.layers.Dense(2, activation="softmax")]),
               uniform((4, 9, 3)), tolerance=_LOOSE),
    keras_case("embedding_mask_zero_lstm", "Embedding(30, 6, mask_zero=True) -> LSTM(4), pre-padded integer sequences",
               112, lambda k: _seq(k, (8,), [k.layers.Embedding(30, 6, mask_zero=True), k.layers.LSTM(4)],
                                   dtype="int32"),
               integers((5, 8), 1, 30, pad="start"), tolerance=_LOOSE),
    keras_case("masking_gru_sequences", "Masking(0.0) -> GRU(3, return_sequences=True), post-padded sequences", 113,
               lambda k: _seq(k, (7, 2), [k.layers.Masking(0.0), k.layers.GRU(3, return_sequences=True)]),
               uniform((4, 7, 2), -1, 1, pad="end", pad_unit="timesteps"), tolerance=_LOOSE),
    keras_case("simple_rnn_return_state",
               "SimpleRNN(3, return_sequences=True, return_state=True): outputs [sequence, state]", 114,
               _return_state_model, uniform((2, 5, 4))),
    keras_case("simple_rnn_initial_state", "SimpleRNN(4) with an initial state given as a second model input", 115,
               _initial_state_model, (uniform((2, 6, 3)), uniform((2, 4)))),
    keras_case("simple_rnn_stateful",
               "SimpleRNN(3, stateful=True), batch 2: two calls carry state, the third starts after reset_states",
               116, lambda k: _seq(k, layers=[k.layers.SimpleRNN(3, stateful=True, return_sequences=True)],
                                   batch_shape=(2, 4, 3)),
               [uniform((2, 4, 3))] * 3, runs=(False, False, True)),
    keras_case("spam_classifier_rnn", "Embedding(200, 32) -> SimpleRNN(32) -> Dense(1, sigmoid): a small text classifier",
               117, lambda k: _seq(k, (20,), [k.layers.Embedding(200, 32), k.layers.SimpleRNN(32),
                                              k.layers.Dense(1, activation="sigmoid")], dtype="int32"),
               integers((6, 20), 1, 200, pad="start"), tolerance=_LOOSE),
    keras_case("time_distributed_dense", "LSTM(4, return_sequences=True) -> TimeDistributed(Dense(3))", 118,
               lambda k: _seq(k, (5, 2), [k.layers.LSTM(4, return_sequences=True),
                                          k.layers.TimeDistributed(k.layers.Dense(3))]),
               uniform((2, 5, 2)), tolerance=_LOOSE),
    # --- new Keras cases
    keras_case("gru_stateful_last",
               "GRU(3, stateful=True), batch 2, last state: two calls carry state, the third starts after reset_states",
               119, lambda k: _seq(k, layers=[k.layers.GRU(3, stateful=True)], batch_shape=(2, 5, 2)),
               [uniform((2, 5, 2))] * 3, runs=(False, False, True), tolerance=_LOOSE),
    # --- 2-D layers inside TimeDistributed, as frugally-deep's recurrent test models use them (issue 9)
    keras_case("time_distributed_conv2d_lstm",
               "video (4 frames of 8x8x2) -> TimeDistributed(Conv2D(3, 3, same, relu)) -> TimeDistributed(MaxPooling2D) "
               "-> TimeDistributed(Flatten) -> LSTM(3)", 120,
               lambda k: _seq(k, (4, 8, 8, 2), [k.layers.TimeDistributed(k.layers.Conv2D(3, 3, padding="same",
                                                                                          activation="relu")),
                                                k.layers.TimeDistributed(k.layers.MaxPooling2D()),
                                                k.layers.TimeDistributed(k.layers.Flatten()),
                                                k.layers.LSTM(3)]),
               uniform((2, 4, 8, 8, 2)), tolerance=_LOOSE),
    keras_case("time_distributed_pad_pool_gru",
               "TimeDistributed: ZeroPadding2D(((1, 0), (2, 1))), Conv2D(4, (2, 3), strides=(2, 1)), "
               "AveragePooling2D((2, 3), strides=(1, 2), same), Cropping2D, UpSampling2D, GlobalMaxPooling2D -> GRU(2)",
               121,
               lambda k: _seq(k, (3, 5, 6, 2), [k.layers.TimeDistributed(k.layers.ZeroPadding2D(((1, 0), (2, 1)))),
                                                k.layers.TimeDistributed(k.layers.Conv2D(4, (2, 3), strides=(2, 1))),
                                                k.layers.TimeDistributed(k.layers.AveragePooling2D(
                                                    (2, 3), strides=(1, 2), padding="same")),
                                                k.layers.TimeDistributed(k.layers.Cropping2D(((1, 0), (0, 1)))),
                                                k.layers.TimeDistributed(k.layers.UpSampling2D((1, 2))),
                                                k.layers.TimeDistributed(k.layers.GlobalMaxPooling2D()),
                                                k.layers.GRU(2)]),
               uniform((2, 3, 5, 6, 2)), tolerance=_LOOSE),
    keras_case("conv_lstm2d_sequences", "ConvLSTM2D(3, (3, 2), strides=(1, 2), same, return_sequences, go_backwards) "
               "on 4 frames of 5x6x2 -> TimeDistributed(GlobalMaxPooling2D) -> GRU(2)", 122,
               lambda k: _seq(k, (4, 5, 6, 2), [k.layers.ConvLSTM2D(3, (3, 2), strides=(1, 2), padding="same",
                                                                    return_sequences=True, go_backwards=True),
                                                k.layers.TimeDistributed(k.layers.GlobalMaxPooling2D()),
                                                k.layers.GRU(2)]),
               uniform((2, 4, 5, 6, 2)), tolerance=_LOOSE),
    keras_case("bidirectional_conv_lstm2d_sum",
               "Bidirectional(ConvLSTM2D(2, (2, 3), same, return_sequences), merge_mode='sum') -> "
               "TimeDistributed(GlobalAveragePooling2D) -> LSTM(2)", 124,
               lambda k: _seq(k, (4, 4, 5, 2), [k.layers.Bidirectional(k.layers.ConvLSTM2D(
                   2, (2, 3), padding="same", return_sequences=True), merge_mode="sum"),
                   k.layers.TimeDistributed(k.layers.GlobalAveragePooling2D()), k.layers.LSTM(2)]),
               uniform((2, 4, 4, 5, 2)), tolerance=_LOOSE),
    keras_case("conv_lstm3d_last", "ConvLSTM3D(2, 2) on 3 frames of 3x4x4x2 -> GlobalAveragePooling3D", 123,
               lambda k: _seq(k, (3, 3, 4, 4, 2), [k.layers.ConvLSTM3D(2, 2), k.layers.GlobalAveragePooling3D()]),
               uniform((2, 3, 3, 4, 4, 2)), tolerance=_LOOSE),
    keras_case("pad_crop_upsample3d_lstm",
               "ZeroPadding3D(((0, 0), (1, 0), (2, 1))) -> Conv3D(3, (1, 2, 2), relu) -> Cropping3D(((1, 0), (0, 1), "
               "(1, 1))) -> UpSampling3D((1, 2, 1)) -> Reshape((3, 48)) -> LSTM(2) on 4 frames of 3x4x2", 126,
               lambda k: _seq(k, (4, 3, 4, 2), [k.layers.ZeroPadding3D(((0, 0), (1, 0), (2, 1))),
                                                k.layers.Conv3D(3, (1, 2, 2), activation="relu"),
                                                k.layers.Cropping3D(((1, 0), (0, 1), (1, 1))),
                                                k.layers.UpSampling3D((1, 2, 1)),
                                                k.layers.Reshape((3, 48)),
                                                k.layers.LSTM(2)]),
               uniform((2, 4, 3, 4, 2)), tolerance=_LOOSE),
    keras_case("channels_first_conv2d_pool_lstm",
               "channels_first on 3x8x7: ZeroPadding2D(((1, 0), (0, 1))) -> Conv2D(4, (3, 2), strides=(1, 2), relu) "
               "-> MaxPooling2D(same) -> UpSampling2D((1, 2)) -> Cropping2D(((0, 1), (1, 0))) -> Reshape((4, 9)) "
               "-> LSTM(2)", 127,
               lambda k: _seq(k, (3, 8, 7), [k.layers.ZeroPadding2D(((1, 0), (0, 1)), data_format="channels_first"),
                                             k.layers.Conv2D(4, (3, 2), strides=(1, 2), activation="relu",
                                                             data_format="channels_first"),
                                             k.layers.MaxPooling2D(padding="same", data_format="channels_first"),
                                             k.layers.UpSampling2D((1, 2), data_format="channels_first"),
                                             k.layers.Cropping2D(((0, 1), (1, 0)), data_format="channels_first"),
                                             k.layers.Reshape((4, 9)),
                                             k.layers.LSTM(2)]),
               uniform((2, 3, 8, 7)), tolerance=_LOOSE),
    keras_case("channels_first_conv_lstm2d_gru",
               "ConvLSTM2D(3, (3, 2), strides=(1, 2), same, return_sequences, channels_first) on 4 frames of 2x5x6 "
               "-> TimeDistributed(GlobalMaxPooling2D(channels_first)) -> GRU(2)", 128,
               lambda k: _seq(k, (4, 2, 5, 6), [k.layers.ConvLSTM2D(3, (3, 2), strides=(1, 2), padding="same",
                                                                    return_sequences=True, data_format="channels_first"),
                                                k.layers.TimeDistributed(k.layers.GlobalMaxPooling2D(
                                                    data_format="channels_first")),
                                                k.layers.GRU(2)]),
               uniform((2, 4, 2, 5, 6)), tolerance=_LOOSE),
]

REFERENCE_CASE_NAMES = tuple(c.name for c in KERAS_CASES[:18])

def _gru_initial_state_model():
    return keras_json.functional_model_json(
        [("x", [None, 6, 3]), ("s", [None, 4])],
        [("GRU", dict(units=4, return_sequences=True, return_state=True), ["x"], {"initial_state": ["s"]}),
         ("Dense", dict(units=2), ["gru"], {})],
        ["dense", ("gru", 1)])


def _cell(class_name, units, name, **options):
    """A cell's serialized config as Keras 3.15.1 writes it inside RNN / StackedRNNCells."""
    config = {"name": name, "trainable": True, "dtype": keras_json._DTYPE, "units": units,
              "activation": options.pop("activation", "tanh")}
    if class_name != "SimpleRNNCell":
        config["recurrent_activation"] = options.pop("recurrent_activation", "sigmoid")
    config["use_bias"] = options.pop("use_bias", True)
    config["kernel_initializer"] = keras_json._initializer("GlorotUniform", {"seed": None, "input_axes": None,
                                                                            "output_axes": None})
    config["recurrent_initializer"] = keras_json._initializer("Orthogonal", {"seed": None, "gain": 1.0})
    config["bias_initializer"] = keras_json._initializer("Zeros", {})
    if class_name == "LSTMCell":
        config["unit_forget_bias"] = True
    for key in ("kernel_regularizer", "recurrent_regularizer", "bias_regularizer", "kernel_constraint",
                "recurrent_constraint", "bias_constraint"):
        config[key] = None
    config.update(dropout=0.0, recurrent_dropout=0.0)
    if class_name == "GRUCell":
        config["reset_after"] = options.pop("reset_after", True)
    config["seed"] = None
    config.update(options)
    return {"module": "keras.layers", "class_name": class_name, "config": config, "registered_name": None}


def _rnn_layer(cell, **options):
    """RNN(cell)'s options in get_config order (keras/src/layers/rnn/rnn.py)."""
    base = {k: bool(options.pop(k, False)) for k in ("return_sequences", "return_state", "go_backwards",
                                                       "stateful", "unroll", "zero_output_for_mask")}
    return dict(base, cell=cell, **options)


def _merging_model():
    return keras_json.functional_model_json(
        [("x", [None, 5, 3])],
        [("LSTM", dict(units=4, return_sequences=True), ["x"], {}),
         ("GRU", dict(units=4, return_sequences=True), ["x"], {}),
         ("Concatenate", dict(axis=-1), [["lstm", "gru"]], {}),
         ("Add", {}, [["lstm", "gru"]], {}),
         ("Multiply", {}, [["lstm", "gru"]], {}),
         ("SimpleRNN", dict(units=3), ["concatenate"], {}),
         ("SimpleRNN", dict(units=3), ["add"], {}),
         ("Dot", dict(axes=1, normalize=True), [["simple_rnn", "simple_rnn_1"]], {}),
         ("Dot", dict(axes=[2, 2]), [["multiply", "lstm"]], {})],
        ["concatenate", "add", "multiply", "dot", "dot_1"])


def _attention_model():
    return keras_json.functional_model_json(
        [("x", [None, 5, 3]), ("y", [None, 4, 2])],
        [("GRU", dict(units=4, return_sequences=True), ["x"], {}),
         ("LSTM", dict(units=4, return_sequences=True), ["y"], {}),
         ("Dense", dict(units=4, activation="tanh"), ["lstm"], {}),
         ("Attention", dict(use_scale=True), [["gru", "lstm"]], {}),
         ("Attention", dict(score_mode="concat"), [["gru", "lstm", "dense"]], {}),
         ("AdditiveAttention", {}, [["gru", "lstm"]], {}),
         ("MultiHeadAttention", dict(num_heads=2, key_dim=3, attention_axes=[1]), ["gru", "lstm"], {}),
         ("GlobalAveragePooling1D", {}, ["multi_head_attention"], {})],
        ["attention", "attention_1", "additive_attention", "multi_head_attention", "global_average_pooling1d"])


def _masked_merging_model():
    return keras_json.functional_model_json(
        [("x", [None, 6, 2])],
        [("Masking", dict(mask_value=0.0), ["x"], {}),
         ("GRU", dict(units=3, return_sequences=True), ["masking"], {}),
         ("SimpleRNN", dict(units=3, return_sequences=True), ["masking"], {}),
         ("Subtract", {}, [["gru", "simple_rnn"]], {}),
         ("Average", {}, [["gru", "simple_rnn"]], {}),
         ("Maximum", {}, [["gru", "simple_rnn"]], {}),
         ("Minimum", {}, [["gru", "simple_rnn"]], {}),
         ("Concatenate", {}, [["subtract", "average", "maximum", "minimum"]], {}),
         ("LSTM", dict(units=2), ["concatenate"], {})],
        ["lstm", "maximum"])


def _ops_mask_model():
    return keras_json.functional_model_json(
        [("x", [None, 6, 3])],
        [("ops.NotEqual", {}, ["x", 0.0], {}),
         ("ops.Any", dict(axis=-1, keepdims=False), ["not_equal"], {}),
         ("LSTM", dict(units=4, return_sequences=True), ["x"], {"mask": "any"}),
         ("ops.Cast", dict(dtype="float32"), ["any"], {}),
         ("ops.Mean", dict(axis=1, keepdims=False), ["lstm"], {})],
        ["lstm", "cast", "mean"])


def _nested_sequential_model():
    encoder = keras_json.sequential_model_json([None, 5, 2], [("LSTM", dict(units=3, return_sequences=True)),
                                                              ("Dense", dict(units=2, activation="tanh"))])
    encoder.pop("compile_config")
    head = keras_json.functional_model_json(
        [("h", [None, 5, 2])],
        [("SimpleRNN", dict(units=3, return_sequences=True, name="head_rnn"), ["h"], {}),
         ("Dense", dict(units=2, name="head_dense"), ["head_rnn"], {}),
         ("Add", dict(name="head_add"), [["h", "head_dense"]], {})],
        ["head_add"], name="head")
    head.pop("compile_config")
    return keras_json.functional_model_json(
        [("x", [None, 5, 2])],
        [("Sequential", dict(name="encoder", model=encoder), ["x"], {}),
         ("Functional", dict(name="head", model=head), ["encoder"], {}),
         ("GRU", dict(units=2), ["head"], {})],
        ["gru"])


def _conv_lstm3d_global_pooling_model():
    return keras_json.functional_model_json(
        [("x", [None, 3, 3, 4, 4, 2])],
        [("ConvLSTM3D", dict(filters=2, kernel_size=2, padding="valid"), ["x"], {}),
         ("GlobalMaxPooling3D", {}, ["conv_lstm3d"], {}),
         ("GlobalAveragePooling3D", dict(keepdims=True), ["conv_lstm3d"], {}),
         ("Flatten", {}, ["global_average_pooling3d"], {}),
         ("Concatenate", {}, [["global_max_pooling3d", "flatten"]], {})],
        ["concatenate"])


def _masked_attention_model():
    return keras_json.functional_model_json(
        [("q", [None, 5, 2]), ("v", [None, 6, 3])],
        [("Masking", dict(mask_value=0.0), ["q"], {}),
         ("Masking", dict(mask_value=0.0), ["v"], {}),
         ("GRU", dict(units=4, return_sequences=True), ["masking"], {}),
         ("LSTM", dict(units=4, return_sequences=True), ["masking_1"], {}),
         ("Attention", {}, [["gru", "lstm"]], {}),
         ("AdditiveAttention", dict(use_scale=False), [["gru", "lstm"]], {}),
         ("GlobalAveragePooling1D", {}, ["attention"], {}),
         ("GlobalMaxPooling1D", {}, ["additive_attention"], {})],
        ["attention", "global_average_pooling1d", "global_max_pooling1d"])


def _masked_mha_model():
    """Embedding(mask_zero) -> MultiHeadAttention: causal self-attention and cross-attention. Each masked
    tensor feeds one attention call and nothing after it: Keras 3.15.1's MultiHeadAttention.call deletes
    the masks of its query, value and key tensors, which a later consumer would then miss."""
    embedding = dict(input_dim=20, output_dim=4, mask_zero=True)
    return keras_json.functional_model_json(
        [("q", [None, 6], "int32"), ("v", [None, 7], "int32")],
        [("Embedding", dict(embedding, name="self_embedding"), ["q"], {}),
         ("Embedding", dict(embedding, name="query_embedding"), ["q"], {}),
         ("Embedding", dict(embedding, name="value_embedding"), ["v"], {}),
         ("MultiHeadAttention", dict(num_heads=2, key_dim=3, name="self_attention"),
          ["self_embedding", "self_embedding"], {"use_causal_mask": True}),
         ("MultiHeadAttention", dict(num_heads=2, key_dim=2, value_dim=3, output_shape=5, name="cross_attention"),
          ["query_embedding", "value_embedding"], {"use_causal_mask": False}),
         ("GlobalAveragePooling1D", {}, ["self_attention"], {}),
         ("LSTM", dict(units=3), ["cross_attention"], {})],
        ["self_attention", "cross_attention", "global_average_pooling1d", "lstm"])


def _transformer_residual_model():
    """A transformer block's residual: MultiHeadAttention's call deletes the embedding's mask, so the
    Add after it (and everything downstream) runs unmasked when Keras runs the model."""
    return keras_json.functional_model_json(
        [("ids", [None, 6], "int32")],
        [("Embedding", dict(input_dim=20, output_dim=4, mask_zero=True), ["ids"], {}),
         ("MultiHeadAttention", dict(num_heads=2, key_dim=2), ["embedding", "embedding"], {"use_causal_mask": True}),
         ("Add", {}, [["embedding", "multi_head_attention"]], {}),
         ("LayerNormalization", {}, ["add"], {}),
         ("GlobalAveragePooling1D", {}, ["layer_normalization"], {})],
        ["global_average_pooling1d"])


def _causal_attention_model():
    """Attention with use_causal_mask (dot and concat scores), and an explicit mask=[None, value_mask] list."""
    return keras_json.functional_model_json(
        [("x", [None, 6, 3]), ("y", [None, 5, 2])],
        [("Masking", dict(mask_value=0.0), ["x"], {}),
         ("GRU", dict(units=4, return_sequences=True), ["masking"], {}),
         ("LSTM", dict(units=4, return_sequences=True), ["y"], {}),
         ("ops.NotEqual", {}, ["y", 0.0], {}),
         ("ops.Any", dict(axis=-1, keepdims=False), ["not_equal"], {}),
         ("Attention", dict(use_scale=True), [["gru", "gru"]], {"use_causal_mask": True}),
         ("Attention", dict(score_mode="concat"), [["gru", "gru"]],
          {"use_causal_mask": True, "return_attention_scores": True}),
         ("Attention", {}, [["gru", "lstm"]], {"mask": [None, "any"]}),
         ("GlobalAveragePooling1D", {}, ["attention"], {})],
        ["attention", ("attention_1", 0), ("attention_1", 1), "attention_2", "global_average_pooling1d"])


# Every activation Keras 3.15 accepts by name that no other NumPy case uses ('threshold' has no
# defaults, so Keras cannot call it by name; Activation('glu') is refused by both sides).
_BY_NAME = ("gelu", "hard_shrink", "soft_shrink", "sparse_plus", "squareplus", "sparsemax", "selu", "celu",
            "softplus", "silu", "hard_silu", "hard_tanh", "tanh_shrink", "exponential", "log_sigmoid", "mish",
            "sparse_sigmoid", "log_softmax", "relu6", "leaky_relu")


def _activations_by_name_model():
    return keras_json.functional_model_json(
        [("x", [None, 5, 3])],
        [("Dense", dict(units=4, name="dense"), ["x"], {})]
        + [("Activation", dict(activation=a, name=f"activation_{a}"), ["dense"], {}) for a in _BY_NAME],
        [f"activation_{a}" for a in _BY_NAME])


def _ops_elementwise_model():
    reduce = dict(axis=1, keepdims=False)
    return keras_json.functional_model_json(
        [("x", [None, 5, 3])],
        [("GRU", dict(units=3, return_sequences=True), ["x"], {}),
         ("SimpleRNN", dict(units=3, return_sequences=True), ["x"], {}),
         ("ops.Add", {}, ["gru", "simple_rnn"], {}),
         ("ops.Subtract", {}, ["gru", "simple_rnn"], {}),
         ("ops.Multiply", {}, ["add", "subtract"], {}),
         ("ops.Divide", {}, ["multiply", 2.0], {}),
         ("ops.Maximum", {}, ["gru", "simple_rnn"], {}),
         ("ops.Minimum", {}, ["gru", 0.0], {}),
         ("ops.Greater", {}, ["gru", "simple_rnn"], {}),
         ("ops.LessEqual", {}, ["gru", 0.0], {}),
         ("ops.GreaterEqual", {}, ["simple_rnn", 0.1], {}),
         ("ops.Less", {}, ["simple_rnn", -0.1], {}),
         ("ops.Equal", {}, ["greater", "less_equal"], {}),
         ("ops.NotEqual", {}, ["greater_equal", "less"], {}),
         ("ops.LogicalAnd", {}, ["greater", "greater_equal"], {}),
         ("ops.LogicalOr", {}, ["less_equal", "less"], {}),
         ("ops.LogicalNot", {}, ["logical_and"], {}),
         ("ops.All", dict(axis=-1, keepdims=False), ["logical_or"], {}),
         ("ops.Sum", reduce, ["divide"], {}),
         ("ops.Max", dict(reduce, initial=None), ["maximum"], {}),
         ("ops.Min", dict(axis=-1, keepdims=True, initial=None), ["minimum"], {})],
        ["divide", "equal", "not_equal", "logical_not", "all", "sum", "max", "min"])


NUMPY_CASES = [
    # The tutorial draws inputs with np.random.random, hence [0, 1) here.
    Case("numpy_tutorial_example",
         "SimpleRNN(8) over 10 timesteps of 4 features, all hidden states (the tutorial's NumPy loop)",
         201, _rnn("SimpleRNN", 8, return_sequences=True), (1, 10, 4), input_range=(0.0, 1.0)),
    Case("numpy_simple_rnn_last", "SimpleRNN(3) on (2, 10) with batch 8: last state (8, 3), 42 params",
         202, _rnn("SimpleRNN", 3), (8, 2, 10), fixed_batch=True),
    Case("numpy_simple_rnn_sequences", "SimpleRNN(3, return_sequences=True) with batch 8: (8, 2, 3)",
         203, _rnn("SimpleRNN", 3, return_sequences=True), (8, 2, 10), fixed_batch=True),
    Case("numpy_simple_rnn_relu_nobias", "SimpleRNN(5, activation='relu', use_bias=False), all states",
         204, _rnn("SimpleRNN", 5, activation="relu", use_bias=False, return_sequences=True), (3, 6, 3)),
    Case("numpy_simple_rnn_go_backwards",
         "SimpleRNN(4, go_backwards=True, return_sequences=True): outputs in processing order",
         205, _rnn("SimpleRNN", 4, go_backwards=True, return_sequences=True), (2, 7, 3)),
    Case("numpy_simple_rnn_hard_sigmoid_batch1",
         "SimpleRNN(4, activation='hard_sigmoid') with batch_shape (1, 5, 3), all states",
         206, _rnn("SimpleRNN", 4, activation="hard_sigmoid", return_sequences=True), (1, 5, 3),
         fixed_batch=True),
    Case("numpy_simple_rnn_stateful",
         "SimpleRNN(3, stateful=True), batch 2: two calls carry state, the third starts after reset_states",
         207, _rnn("SimpleRNN", 3, stateful=True, return_sequences=True), (2, 4, 3), fixed_batch=True,
         runs=(False, False, True)),
    Case("numpy_lstm_sequences", "LSTM(5, return_sequences=True)",
         208, _rnn("LSTM", 5, return_sequences=True), (3, 8, 4)),
    Case("numpy_lstm_last", "LSTM(4): last state only",
         209, _rnn("LSTM", 4), (2, 6, 3)),
    Case("numpy_lstm_softsign_hard_sigmoid",
         "LSTM(3, activation='softsign', recurrent_activation='hard_sigmoid', go_backwards=True), all states",
         210, _rnn("LSTM", 3, activation="softsign", recurrent_activation="hard_sigmoid",
                   go_backwards=True, return_sequences=True), (2, 5, 4)),
    Case("numpy_gru_reset_after", "GRU(4) with reset_after=True (Keras 3 default), all states",
         211, _rnn("GRU", 4, return_sequences=True), (2, 6, 3)),
    Case("numpy_gru_reset_before", "GRU(4, reset_after=False): last state",
         212, _rnn("GRU", 4, reset_after=False), (2, 6, 3)),
    Case("numpy_gru_elu_nobias", "GRU(3, activation='elu', use_bias=False), all states",
         213, _rnn("GRU", 3, activation="elu", use_bias=False, return_sequences=True), (2, 5, 2)),
    # --- new NumPy cases
    Case("numpy_gru_stateful_last",
         "GRU(3, stateful=True), batch 2, last state: two calls carry state, the third starts after reset_states",
         214, _rnn("GRU", 3, stateful=True), (2, 5, 2), fixed_batch=True, runs=(False, False, True)),
    # --- NumPy cases of layered models, run by the NumPy model interpreter
    numpy_model_case("numpy_dense_relu_softmax", "Dense(4, relu) -> Dense(3, softmax, use_bias=False) on (batch, 6)",
                     215, (None, 6), [("Dense", dict(units=4, activation="relu")),
                                      ("Dense", dict(units=3, activation="softmax", use_bias=False))],
                     uniform((5, 6))),
    numpy_model_case("numpy_embedding_mask_zero_lstm",
                     "Embedding(25, 5, mask_zero=True) -> LSTM(4, return_sequences=True), post-padded ids: "
                     "masked steps repeat the last state",
                     216, (None, 8), [("Embedding", dict(input_dim=25, output_dim=5, mask_zero=True)),
                                      ("LSTM", dict(units=4, return_sequences=True))],
                     integers((4, 8), 1, 25, pad="end"), input_dtype="int32"),
    numpy_model_case("numpy_bidirectional_gru_masked",
                     "Masking(0.0) -> Bidirectional(GRU(3, return_sequences=True)), concat, post-padded steps",
                     217, (None, 6, 3), [("Masking", dict(mask_value=0.0)),
                                         ("Bidirectional", dict(layer=("GRU", dict(units=3, return_sequences=True)),
                                                                merge_mode="concat"))],
                     uniform((4, 6, 3), pad="end", pad_unit="timesteps")),
    numpy_model_case("numpy_bidirectional_gru_sum_last",
                     "Bidirectional(GRU(4, reset_after=False)), merge_mode='sum', last states",
                     218, (None, 5, 2), [("Bidirectional", dict(layer=("GRU", dict(units=4, reset_after=False)),
                                                                merge_mode="sum"))],
                     uniform((3, 5, 2))),
    numpy_model_case("numpy_time_distributed_dense",
                     "LSTM(4, return_sequences=True) -> TimeDistributed(Dense(2, sigmoid))",
                     219, (None, 5, 3), [("LSTM", dict(units=4, return_sequences=True)),
                                         ("TimeDistributed", dict(layer=("Dense", dict(units=2, activation="sigmoid"))))],
                     uniform((2, 5, 3))),
    numpy_functional_case("numpy_functional_gru_initial_state_two_outputs",
                          "Functional: GRU(4, return_sequences, return_state)(x, initial_state=[s]) -> Dense(2) "
                          "on the sequence; outputs [dense, final state]",
                          220, _gru_initial_state_model, (uniform((3, 6, 3)), uniform((3, 4)))),
    # --- NumPy cases of the layers around recurrent layers (issue 9), run by the NumPy model interpreter
    numpy_model_case("numpy_conv1d_causal_dilated_gru",
                     "Conv1D(4, 3, padding='causal', dilation_rate=2, relu) -> GRU(3, return_sequences=True) "
                     "-> Conv1D(2, 2, strides=2, use_bias=False)",
                     221, (None, 6, 3), [("Conv1D", dict(filters=4, kernel_size=3, padding="causal", dilation_rate=2,
                                                         activation="relu")),
                                         ("GRU", dict(units=3, return_sequences=True)),
                                         ("Conv1D", dict(filters=2, kernel_size=2, strides=2, use_bias=False))],
                     uniform((2, 6, 3))),
    numpy_model_case("numpy_conv1d_same_pooling_lstm",
                     "Conv1D(4, 3, padding='same', tanh) -> MaxPooling1D(2) -> LSTM(3, return_sequences=True) "
                     "-> AveragePooling1D(2, strides=1, padding='same') -> GlobalMaxPooling1D",
                     222, (None, 6, 2), [("Conv1D", dict(filters=4, kernel_size=3, padding="same", activation="tanh")),
                                         ("MaxPooling1D", dict(pool_size=2)),
                                         ("LSTM", dict(units=3, return_sequences=True)),
                                         ("AveragePooling1D", dict(pool_size=2, strides=1, padding="same")),
                                         ("GlobalMaxPooling1D", {})],
                     uniform((3, 6, 2))),
    numpy_model_case("numpy_masked_gru_global_average",
                     "Masking(0.0) -> GRU(3, return_sequences=True) -> GlobalAveragePooling1D (averages the "
                     "unmasked steps only) -> Dense(2, softmax), post-padded steps",
                     223, (None, 6, 2), [("Masking", dict(mask_value=0.0)),
                                         ("GRU", dict(units=3, return_sequences=True)),
                                         ("GlobalAveragePooling1D", {}),
                                         ("Dense", dict(units=2, activation="softmax"))],
                     uniform((3, 6, 2), pad="end", pad_unit="timesteps")),
    numpy_functional_case("numpy_functional_merging_lstm_gru",
                          "Functional: LSTM(4) and GRU(4) sequences of one input merged by Concatenate, Add, "
                          "Multiply; Dot(axes=1, normalize=True) of two SimpleRNN(3) states; Dot(axes=[2, 2])",
                          224, _merging_model, uniform((2, 5, 3))),
    numpy_model_case("numpy_normalization_lstm",
                     "LSTM(4, return_sequences=True) -> LayerNormalization -> BatchNormalization (moving "
                     "statistics) -> SimpleRNN(3) -> LayerNormalization(center=False, epsilon=0.01)",
                     225, (None, 5, 3), [("LSTM", dict(units=4, return_sequences=True)),
                                         ("LayerNormalization", {}),
                                         ("BatchNormalization", {}),
                                         ("SimpleRNN", dict(units=3)),
                                         ("LayerNormalization", dict(center=False, epsilon=0.01))],
                     uniform((3, 5, 3)), positive=("moving_variance",)),
    numpy_functional_case("numpy_functional_attention_gru_lstm",
                          "Functional: GRU(4) queries over LSTM(4) values: Attention(use_scale=True), "
                          "Attention(score_mode='concat') with a Dense(4, tanh) key, AdditiveAttention, "
                          "MultiHeadAttention(2 heads, key_dim 3) -> GlobalAveragePooling1D",
                          226, _attention_model, (uniform((2, 5, 3)), uniform((2, 4, 2)))),
    numpy_model_case("numpy_activations_simple_rnn",
                     "SimpleRNN(4, return_sequences=True) -> ReLU(max_value=0.4, negative_slope=0.1, threshold=0.05) "
                     "-> LeakyReLU(0.2) -> PReLU(shared_axes=[1]) -> ELU(0.5) -> Activation('tanh') -> "
                     "GRU(3, return_sequences=True) -> Softmax",
                     227, (None, 5, 3), [("SimpleRNN", dict(units=4, return_sequences=True)),
                                         ("ReLU", dict(max_value=0.4, negative_slope=0.1, threshold=0.05)),
                                         ("LeakyReLU", dict(negative_slope=0.2)),
                                         ("PReLU", dict(shared_axes=[1])),
                                         ("ELU", dict(alpha=0.5)),
                                         ("Activation", dict(activation="tanh")),
                                         ("GRU", dict(units=3, return_sequences=True)),
                                         ("Softmax", {})],
                     uniform((2, 5, 3))),
    numpy_model_case("numpy_reshaping_gru_lstm",
                     "ZeroPadding1D(1) -> Cropping1D((2, 1)) -> UpSampling1D(2) -> GRU(3) -> RepeatVector(4) -> "
                     "LSTM(2, return_sequences=True) -> Permute((2, 1)) -> Reshape((4, 2)) -> Flatten -> Dense(3)",
                     228, (None, 5, 2), [("ZeroPadding1D", dict(padding=1)),
                                         ("Cropping1D", dict(cropping=[2, 1])),
                                         ("UpSampling1D", dict(size=2)),
                                         ("GRU", dict(units=3)),
                                         ("RepeatVector", dict(n=4)),
                                         ("LSTM", dict(units=2, return_sequences=True)),
                                         ("Permute", dict(dims=[2, 1])),
                                         ("Reshape", dict(target_shape=[4, 2])),
                                         ("Flatten", {}),
                                         ("Dense", dict(units=3))],
                     uniform((3, 5, 2))),
    numpy_model_case("numpy_dropout_family_lstm",
                     "Dropout(0.3) -> SpatialDropout1D(0.2) -> GaussianNoise(0.1) -> LSTM(3, return_sequences=True) "
                     "-> GaussianDropout(0.2) -> AlphaDropout(0.1) -> ActivityRegularization: identities at inference",
                     229, (None, 4, 3), [("Dropout", dict(rate=0.3)),
                                         ("SpatialDropout1D", dict(rate=0.2)),
                                         ("GaussianNoise", dict(stddev=0.1)),
                                         ("LSTM", dict(units=3, return_sequences=True)),
                                         ("GaussianDropout", dict(rate=0.2)),
                                         ("AlphaDropout", dict(rate=0.1)),
                                         ("ActivityRegularization", dict(l1=0.01, l2=0.0))],
                     uniform((2, 4, 3))),
    numpy_model_case("numpy_rnn_stacked_cells_masked",
                     "Masking(0.0) -> RNN(StackedRNNCells([SimpleRNNCell(3), GRUCell(2)]), return_sequences=True) "
                     "-> RNN(LSTMCell(2)), post-padded steps",
                     230, (None, 6, 2), [("Masking", dict(mask_value=0.0)),
                                         ("RNN", _rnn_layer({"module": "keras.layers", "class_name": "StackedRNNCells",
                                                             "config": {"name": "stacked_rnn_cells", "trainable": True,
                                                                        "dtype": keras_json._DTYPE,
                                                                        "cells": [_cell("SimpleRNNCell", 3, "simple_rnn_cell"),
                                                                                  _cell("GRUCell", 2, "gru_cell")]},
                                                             "registered_name": None}, return_sequences=True)),
                                         ("RNN", _rnn_layer(_cell("LSTMCell", 2, "lstm_cell")))],
                     uniform((3, 6, 2), pad="end", pad_unit="timesteps")),
    numpy_model_case("numpy_conv_lstm1d_gru",
                     "ConvLSTM1D(2, 3, padding='same', return_sequences=True) on (4 steps, 5 rows, 2 channels) -> "
                     "Reshape((4, 10)) -> GRU(3)",
                     231, (None, 4, 5, 2), [("ConvLSTM1D", dict(filters=2, kernel_size=3, padding="same",
                                                                return_sequences=True)),
                                            ("Reshape", dict(target_shape=[4, 10])),
                                            ("GRU", dict(units=3))],
                     uniform((2, 4, 5, 2))),
    numpy_functional_case("numpy_functional_masked_merging_gru_rnn",
                          "Functional: Masking(0.0) -> GRU(3) and SimpleRNN(3) sequences merged by Subtract, Average, "
                          "Maximum, Minimum -> Concatenate -> LSTM(2): the merged mask reaches the LSTM; "
                          "outputs [lstm, maximum], post-padded steps",
                          232, _masked_merging_model, uniform((3, 6, 2), pad="end", pad_unit="timesteps")),
    numpy_functional_case("numpy_functional_ops_mask_lstm",
                          "Functional: LSTM(4, return_sequences=True)(x, mask=ops.any(ops.not_equal(x, 0.0), -1)); "
                          "outputs [lstm, ops.cast(mask, float32), ops.mean(lstm, axis=1)], post-padded steps",
                          233, _ops_mask_model, uniform((3, 6, 3), pad="end", pad_unit="timesteps")),
    numpy_functional_case("numpy_functional_nested_models",
                          "Functional: a nested Sequential encoder [LSTM(3, return_sequences=True), Dense(2, tanh)] "
                          "-> a nested Functional head (SimpleRNN(3) -> Dense(2), added to its input) -> GRU(2)",
                          234, _nested_sequential_model, uniform((2, 5, 2))),
    numpy_functional_case("numpy_functional_masked_attention",
                          "Functional: Masking -> GRU(4) queries and Masking -> LSTM(4) values, both post-padded: "
                          "Attention and AdditiveAttention(use_scale=False) skip masked values and keep the query "
                          "mask; GlobalAveragePooling1D averages the unmasked queries, GlobalMaxPooling1D ignores masks",
                          235, _masked_attention_model,
                          (uniform((3, 5, 2), pad="end", pad_unit="timesteps"),
                           uniform((3, 6, 3), pad="end", pad_unit="timesteps"))),
    numpy_functional_case("numpy_functional_ops_elementwise_gru_rnn",
                          "Functional: Keras operations on GRU(3) and SimpleRNN(3) sequences: add, subtract, "
                          "multiply, divide by 2.0, maximum, minimum with 0.0, the six comparisons, logical "
                          "and/or/not, all, sum, max, min (booleans as float32 0/1)",
                          236, _ops_elementwise_model, uniform((2, 5, 3))),
    numpy_functional_case("numpy_functional_masked_multi_head_attention",
                          "Functional: Embedding(20, 4, mask_zero=True) -> MultiHeadAttention(2 heads, key_dim 3) "
                          "causal self-attention -> GlobalAveragePooling1D; query and value Embeddings -> "
                          "MultiHeadAttention(2 heads, key_dim 2, value_dim 3, output_shape 5) cross-attention -> "
                          "LSTM(3): Keras reads the query's and value's masks off the tensors (two tensor "
                          "arguments), the outputs carry the query's mask; post-padded ids",
                          237, _masked_mha_model,
                          (integers((3, 6), 1, 20, pad="end"), integers((3, 7), 1, 20, pad="end"))),
    numpy_functional_case("numpy_functional_causal_attention",
                          "Functional: Masking -> GRU(4) sequences: Attention(use_scale=True, use_causal_mask=True) "
                          "self-attention -> GlobalAveragePooling1D, Attention(score_mode='concat', "
                          "use_causal_mask=True, return_attention_scores=True); LSTM(4) values of a second input "
                          "with mask=[None, ops.any(y != 0, -1)] (the query's own mask left out); post-padded steps",
                          238, _causal_attention_model,
                          (uniform((3, 6, 3), pad="end", pad_unit="timesteps"),
                           uniform((3, 5, 2), pad="end", pad_unit="timesteps"))),
    numpy_functional_case("numpy_functional_activations_by_name",
                          "Functional: Dense(4) on inputs in [-2, 2) -> one Activation layer per activation Keras "
                          "3.15 accepts by name that no other case uses: " + ", ".join(_BY_NAME),
                          239, _activations_by_name_model, uniform((3, 5, 3), -2.0, 2.0)),
    numpy_functional_case("numpy_functional_transformer_residual",
                          "Functional: Embedding(20, 4, mask_zero=True) -> causal MultiHeadAttention(2 heads, "
                          "key_dim 2) -> Add with the embedding -> LayerNormalization -> GlobalAveragePooling1D: "
                          "Keras 3.15.1's attention call deletes the embedding's mask, so the Add has no mask and "
                          "the pooling averages every step, padding included; post-padded ids",
                          240, _transformer_residual_model, integers((3, 6), 1, 20, pad="end")),
    # --- 2-D and 3-D layers (issue 9): video-like inputs through TimeDistributed, as frugally-deep's recurrent
    # test models use them
    numpy_model_case("numpy_time_distributed_conv2d_lstm",
                     "video (4 frames of 8x8x2) -> TimeDistributed(Conv2D(3, 3, same, relu)) -> "
                     "TimeDistributed(MaxPooling2D) -> TimeDistributed(Conv2D(4, (2, 3), strides=(2, 1), use_bias=False)) "
                     "-> TimeDistributed(Flatten) -> LSTM(3)",
                     240, (None, 4, 8, 8, 2),
                     [("TimeDistributed", dict(layer=("Conv2D", dict(filters=3, kernel_size=3, padding="same",
                                                                     activation="relu")))),
                      ("TimeDistributed", dict(layer=("MaxPooling2D", {}))),
                      ("TimeDistributed", dict(layer=("Conv2D", dict(filters=4, kernel_size=[2, 3], strides=[2, 1],
                                                                     use_bias=False)))),
                      ("TimeDistributed", dict(layer=("Flatten", {}))),
                      ("LSTM", dict(units=3))],
                     uniform((2, 4, 8, 8, 2))),
    numpy_model_case("numpy_time_distributed_pad_pool_gru",
                     "TimeDistributed over ZeroPadding2D(((1, 0), (2, 1))), Conv2D(4, 2, dilation (2, 1), groups 2, "
                     "tanh), AveragePooling2D((2, 3), strides=(1, 2), same), Cropping2D(((1, 0), (0, 1))), "
                     "UpSampling2D((1, 2)), MaxPooling2D(2, strides 1, same), GlobalAveragePooling2D(keepdims) and "
                     "Flatten -> GRU(3, return_sequences)",
                     241, (None, 3, 5, 6, 2),
                     [("TimeDistributed", dict(layer=("ZeroPadding2D", dict(padding=[[1, 0], [2, 1]])))),
                      ("TimeDistributed", dict(layer=("Conv2D", dict(filters=4, kernel_size=2, dilation_rate=[2, 1],
                                                                     groups=2, activation="tanh")))),
                      ("TimeDistributed", dict(layer=("AveragePooling2D", dict(pool_size=[2, 3], strides=[1, 2],
                                                                               padding="same")))),
                      ("TimeDistributed", dict(layer=("Cropping2D", dict(cropping=[[1, 0], [0, 1]])))),
                      ("TimeDistributed", dict(layer=("UpSampling2D", dict(size=[1, 2])))),
                      ("TimeDistributed", dict(layer=("MaxPooling2D", dict(pool_size=2, strides=1, padding="same")))),
                      ("TimeDistributed", dict(layer=("GlobalAveragePooling2D", dict(keepdims=True)))),
                      ("TimeDistributed", dict(layer=("Flatten", {}))),
                      ("GRU", dict(units=3, return_sequences=True))],
                     uniform((2, 3, 5, 6, 2))),
    numpy_model_case("numpy_conv3d_pooling3d_lstm",
                     "Conv3D(3, (1, 3, 3), same, relu) on (4 frames, 4x6, 2 channels) -> MaxPooling3D((1, 2, 2), "
                     "strides 1, same) -> AveragePooling3D((1, 2, 2)) -> Reshape((4, 18)) -> LSTM(2, return_sequences)",
                     242, (None, 4, 4, 6, 2),
                     [("Conv3D", dict(filters=3, kernel_size=[1, 3, 3], padding="same", activation="relu")),
                      ("MaxPooling3D", dict(pool_size=[1, 2, 2], strides=[1, 1, 1], padding="same")),
                      ("AveragePooling3D", dict(pool_size=[1, 2, 2])),
                      ("Reshape", dict(target_shape=[4, 18])),
                      ("LSTM", dict(units=2, return_sequences=True))],
                     uniform((2, 4, 4, 6, 2))),
    numpy_model_case("numpy_conv_lstm2d_global_pooling_gru",
                     "ConvLSTM2D(3, (3, 2), strides=(1, 2), same, return_sequences, go_backwards) on 4 frames of "
                     "5x6x2 -> TimeDistributed(GlobalMaxPooling2D) -> GRU(2)",
                     243, (None, 4, 5, 6, 2),
                     [("ConvLSTM2D", dict(filters=3, kernel_size=[3, 2], strides=[1, 2], padding="same",
                                          return_sequences=True, go_backwards=True)),
                      ("TimeDistributed", dict(layer=("GlobalMaxPooling2D", {}))),
                      ("GRU", dict(units=2))],
                     uniform((2, 4, 5, 6, 2))),
    numpy_model_case("numpy_bidirectional_conv_lstm2d_sum",
                     "Bidirectional(ConvLSTM2D(2, (2, 3), same, return_sequences), merge_mode='sum') on 4 frames of "
                     "4x5x2 -> TimeDistributed(GlobalAveragePooling2D) -> LSTM(2)",
                     245, (None, 4, 4, 5, 2),
                     [("Bidirectional", dict(layer=("ConvLSTM2D", dict(filters=2, kernel_size=[2, 3], padding="same",
                                                                       return_sequences=True)), merge_mode="sum")),
                      ("TimeDistributed", dict(layer=("GlobalAveragePooling2D", {}))),
                      ("LSTM", dict(units=2))],
                     uniform((2, 4, 4, 5, 2))),
    numpy_model_case("numpy_bidirectional_conv_lstm1d_concat",
                     "Bidirectional(ConvLSTM1D(3, 3, same), merge_mode='concat') on 5 frames of 6x2: last states "
                     "-> Flatten -> Dense(2)",
                     246, (None, 5, 6, 2),
                     [("Bidirectional", dict(layer=("ConvLSTM1D", dict(filters=3, kernel_size=3, padding="same")))),
                      ("Flatten", {}),
                      ("Dense", dict(units=2))],
                     uniform((3, 5, 6, 2))),
    numpy_functional_case("numpy_conv_lstm3d_global_pooling",
                          "Functional: ConvLSTM3D(2, 2) on 3 frames of 3x4x4x2 -> GlobalMaxPooling3D and "
                          "GlobalAveragePooling3D(keepdims) -> Flatten -> Concatenate",
                          244, _conv_lstm3d_global_pooling_model, uniform((2, 3, 3, 4, 4, 2))),
    numpy_model_case("numpy_pad_crop_upsample3d_lstm",
                     "ZeroPadding3D(((0, 0), (1, 0), (2, 1))) -> Conv3D(3, (1, 2, 2), relu) -> Cropping3D(((1, 0), "
                     "(0, 1), (1, 1))) -> UpSampling3D((1, 2, 1)) -> Reshape((3, 48)) -> LSTM(2) on 4 frames of 3x4x2",
                     249, (None, 4, 3, 4, 2),
                     [("ZeroPadding3D", dict(padding=[[0, 0], [1, 0], [2, 1]])),
                      ("Conv3D", dict(filters=3, kernel_size=[1, 2, 2], activation="relu")),
                      ("Cropping3D", dict(cropping=[[1, 0], [0, 1], [1, 1]])),
                      ("UpSampling3D", dict(size=[1, 2, 1])),
                      ("Reshape", dict(target_shape=[3, 48])),
                      ("LSTM", dict(units=2))],
                     uniform((2, 4, 3, 4, 2))),
    numpy_model_case("numpy_channels_first_conv2d_pool_lstm",
                     "channels_first on 3x8x7: ZeroPadding2D(((1, 0), (0, 1))) -> Conv2D(4, (3, 2), strides=(1, 2), "
                     "relu) -> MaxPooling2D(same) -> UpSampling2D((1, 2)) -> Cropping2D(((0, 1), (1, 0))) -> "
                     "Reshape((4, 9)) -> LSTM(2)",
                     250, (None, 3, 8, 7),
                     [("ZeroPadding2D", dict(padding=[[1, 0], [0, 1]], data_format="channels_first")),
                      ("Conv2D", dict(filters=4, kernel_size=[3, 2], strides=[1, 2], activation="relu",
                                      data_format="channels_first")),
                      ("MaxPooling2D", dict(pool_size=[2, 2], padding="same", data_format="channels_first")),
                      ("UpSampling2D", dict(size=[1, 2], data_format="channels_first")),
                      ("Cropping2D", dict(cropping=[[0, 1], [1, 0]], data_format="channels_first")),
                      ("Reshape", dict(target_shape=[4, 9])),
                      ("LSTM", dict(units=2))],
                     uniform((2, 3, 8, 7))),
    numpy_model_case("numpy_channels_first_conv_lstm2d_gru",
                     "ConvLSTM2D(3, (3, 2), strides=(1, 2), same, return_sequences, channels_first) on 4 frames of "
                     "2x5x6 -> TimeDistributed(GlobalMaxPooling2D(channels_first)) -> GRU(2)",
                     251, (None, 4, 2, 5, 6),
                     [("ConvLSTM2D", dict(filters=3, kernel_size=[3, 2], strides=[1, 2], padding="same",
                                          return_sequences=True, data_format="channels_first")),
                      ("TimeDistributed", dict(layer=("GlobalMaxPooling2D", dict(data_format="channels_first")))),
                      ("GRU", dict(units=2))],
                     uniform((2, 4, 2, 5, 6))),
]

CATALOGUE = [*KERAS_CASES, *NUMPY_CASES]


def case_names():
    """The names of every catalogue entry, in catalogue order."""
    return [c.name for c in CATALOGUE]


def reference_of(entry):
    return getattr(entry, "reference", "numpy")


def _utc_now():
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def build_keras_case(case):
    """Everything fixture_writer.write_case_files needs for a Keras case: (case_doc, arrays, texts, model_text).

    Follows fixtures/FORMAT.md: clear_session, build, draw weights in
    get_weights() order, set_weights, draw inputs, then per run (reset_states on
    stateful layers when asked) model(x, training=False) and convert_to_numpy.
    """
    keras = keras_reference.import_keras()
    keras.utils.clear_session()
    model = case.build(keras)
    weights, inputs = draw_arrays(case, [w.shape for w in model.get_weights()])
    model.set_weights(weights)
    owner = {}
    for layer in model.layers:
        for v in layer.weights:
            owner.setdefault(id(v), layer.name)
    flags = case.reset_flags()
    if len(flags) != len(inputs):
        raise ValueError(f"{case.name}: {len(flags)} reset flags for {len(inputs)} runs")
    result = keras_reference.evaluate(keras, model, inputs, flags)
    line_length = case.summary_line_length or keras_reference.default_summary_line_length(model)
    summary = keras_reference.summary_text(model, line_length)

    arrays, doc_weights, doc_runs = {}, [], []
    for k, (v, a) in enumerate(zip(model.weights, weights)):
        file = f"w{k:02d}.npy"
        arrays[file] = a
        doc_weights.append({"path": v.path, "layer": owner.get(id(v)), "name": v.name, "file": file})
    for r, (run_inputs, run) in enumerate(zip(inputs, result["runs"])):
        entry = {"reset_states": bool(flags[r]), "inputs": [], "outputs": []}
        for kind, tag, key, values in (("inputs", "in", "input", run_inputs), ("outputs", "out", "output", run["outputs"])):
            for i, a in enumerate(values):
                file = f"run{r}_{tag}{i}.npy"
                arrays[file] = a
                entry[kind].append({"name": f"{key}_{i}", "file": file})
        doc_runs.append(entry)
    versions = keras_reference.provenance(keras)
    doc = {
        "format": fixture_writer.FORMAT, "name": case.name, "description": case.description,
        "reference": "keras", "seed": int(case.seed), "dtype": "float32",
        "provenance": {"generator": "case_catalogue.py", "python": versions["python"], "numpy": versions["numpy"],
                       "keras": versions["keras"], "keras_backend": versions["keras_backend"],
                       "created": _utc_now(), "rich": versions["rich"], "draw": draw_text(case)},
        "model": "model.json", "weights": doc_weights, "runs": doc_runs,
        "expected": {k: result[k] for k in ("output_shapes", "layers", "total_params", "trainable_params",
                                            "non_trainable_params")},
        "tolerance": dict(case.tolerance),
    }
    doc["expected"].update(summary="summary.txt", summary_line_length=int(line_length))
    return doc, arrays, {"summary.txt": summary}, model.to_json()


def generate(names=None, fixtures_root=None, progress=None):
    """Write the named catalogue cases (all by default) under fixtures_root/keras or fixtures_root/numpy.

    Returns {"written": [...], "unchanged": [...], "skipped": [{"name", "message"}]}; Keras cases are
    skipped with the install hint where keras does not import. Unknown names raise ValueError.
    progress: called as progress(done, total, name) after each case (the CLI's progress bar).
    """
    root = os.fspath(fixtures_root or DEFAULT_ROOT)
    by_name = {c.name: c for c in CATALOGUE}
    wanted = list(by_name) if not names else list(names)
    unknown = [n for n in wanted if n not in by_name]
    if unknown:
        raise ValueError(f"unknown case(s): {', '.join(unknown)}")
    report = {"written": [], "unchanged": [], "skipped": []}
    keras_state = {}
    for done, name in enumerate(wanted, 1):
        _generate_one(by_name[name], root, report, keras_state)
        if progress is not None:
            progress(done, len(wanted), name)
    return report


def _generate_one(entry, root, report, keras_state):
    """Writes one catalogue case into report's lists; keras_state caches whether keras imports."""
    name = entry.name
    if reference_of(entry) == "keras":
        if "ok" not in keras_state:
            keras_state["ok"], keras_state["message"] = keras_reference.keras_available()
        if not keras_state["ok"]:
            report["skipped"].append({"name": name, "message": f"skipped: {keras_state['message']}"})
            return
        doc, arrays, texts, model_text = build_keras_case(entry)
        changed = fixture_writer.write_case_files(os.path.join(root, "keras"), name, doc, arrays, texts,
                                                  model_text)
    else:
        changed = fixture_writer.write_case(os.path.join(root, "numpy"), **make_numpy_fixtures.build(entry))
    report["written" if changed else "unchanged"].append(name)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="case_catalogue.py", description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=DEFAULT_ROOT, help="fixtures root (default: the repo's fixtures/)")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    parser.add_argument("names", nargs="*", help="cases to write (default: all)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return 2 if e.code else 0
    if args.list:
        for c in CATALOGUE:
            print(f"{c.name} [{reference_of(c)}, seed {c.seed}]: {c.description}")
        return 0
    try:
        report = generate(args.names, args.out)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    for s in report["skipped"]:
        print(f"{s['name']}: {s['message']}")
    print(f"{len(report['written'])} written, {len(report['unchanged'])} unchanged, "
          f"{len(report['skipped'])} skipped under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
