"""In-process parity with the C# layers: draws seeded weights and inputs and runs the NumPy reference,
or Keras itself.

The C# side (src/RnnParity.Python/Parity/LiveParity.cs) calls `draw` for the arrays, feeds them
to its own SimpleRNN/LSTM/GRU, calls `reference` (NumPy) or `keras_output` (Keras, where it
imports) with the same arrays and compares in memory; nothing is written to disk. The names of
the layer kinds match the C# classes and Keras's.

Layered models (LiveModelParity.cs): `model_names()` lists them, `model_case(name)` gives a
model's model.json text, weights in get_weights() order, inputs and reset flags per run, and
the outputs the NumPy model interpreter (numpy_runner) computes for them; C# loads the same
model.json and compares.
"""
import numpy as np

import keras_reference
import numpy_reference

GATES = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}


def weight_shapes(kind, units, features, use_bias=True, reset_after=True):
    """Keras's get_weights() shapes for one recurrent layer."""
    width = units * GATES[kind]
    shapes = [(features, width), (units, width)]
    if use_bias:
        shapes.append((2, width) if kind == "GRU" and reset_after else (width,))
    return shapes


def draw(seed, kind, units, features, timesteps, batch, use_bias=True, reset_after=True,
         padding=None, bidirectional=False):
    """Weights uniform(-0.5, 0.5) (forward then backward layer when bidirectional), then inputs
    uniform(-1, 1), all float32, from default_rng(seed); then, with padding "pre" or "post", a
    (batch, timesteps) mask keeping integers(1, timesteps + 1) steps per row at the end or the start."""
    rng = np.random.default_rng(seed)
    shapes = weight_shapes(kind, units, features, use_bias, reset_after)
    weights = [rng.uniform(-0.5, 0.5, s).astype(np.float32) for s in shapes * (2 if bidirectional else 1)]
    inputs = rng.uniform(-1.0, 1.0, (batch, timesteps, features)).astype(np.float32)
    mask = None
    if padding is not None:
        kept = rng.integers(1, timesteps + 1, batch)
        steps = np.arange(timesteps)[np.newaxis, :]
        mask = steps >= (timesteps - kept[:, np.newaxis]) if padding == "pre" else steps < kept[:, np.newaxis]
    return weights, inputs, mask


def _layer(kind, inputs, weights, activation, recurrent_activation, return_sequences, go_backwards,
           reset_after, mask, zero_output_for_mask, unroll):
    kernel, recurrent_kernel = weights[0], weights[1]
    bias = weights[2] if len(weights) > 2 else None
    options = dict(activation=activation, return_sequences=return_sequences, go_backwards=go_backwards,
                   mask=mask, zero_output_for_mask=zero_output_for_mask, unroll=unroll)
    if kind == "SimpleRNN":
        return numpy_reference.simple_rnn(inputs, kernel, recurrent_kernel, bias, **options)
    if kind == "LSTM":
        return numpy_reference.lstm(inputs, kernel, recurrent_kernel, bias,
                                    recurrent_activation=recurrent_activation, **options)
    if kind == "GRU":
        return numpy_reference.gru(inputs, kernel, recurrent_kernel, bias,
                                   recurrent_activation=recurrent_activation, reset_after=reset_after, **options)
    raise ValueError(f"unknown layer kind {kind!r}; expected one of {sorted(GATES)}")


def reference(kind, inputs, weights, activation="tanh", recurrent_activation="sigmoid",
              return_sequences=False, go_backwards=False, reset_after=True, mask=None, merge_mode=None,
              unroll=False):
    """The NumPy reference's output for one layer, weights in get_weights() order.

    With merge_mode (concat, sum, mul, ave) the layer is wrapped in Bidirectional as Keras 3 does
    it: a forward copy and a go_backwards copy, both with zero_output_for_mask = return_sequences,
    the backward sequence flipped back into input order, then merged.
    """
    if merge_mode is None:
        return _layer(kind, inputs, weights, activation, recurrent_activation, return_sequences,
                      go_backwards, reset_after, mask, False, unroll)
    half = len(weights) // 2
    args = (activation, recurrent_activation, return_sequences)
    y = _layer(kind, inputs, weights[:half], *args, go_backwards, reset_after, mask, return_sequences, unroll)
    y_rev = _layer(kind, inputs, weights[half:], *args, True, reset_after, mask, return_sequences, unroll)
    if return_sequences:
        y_rev = y_rev[:, ::-1, :]
    merge = {
        "concat": lambda a, b: np.concatenate([a, b], axis=-1),
        "sum": lambda a, b: a + b,
        "mul": lambda a, b: a * b,
        "ave": lambda a, b: (a + b) / np.float32(2),
    }
    if merge_mode not in merge:
        raise ValueError(f"unknown merge_mode {merge_mode!r}; expected one of {sorted(merge)}")
    return np.ascontiguousarray(merge[merge_mode](y, y_rev))


def keras_output(kind, inputs, weights, activation="tanh", recurrent_activation="sigmoid",
                 return_sequences=False, go_backwards=False, reset_after=True, mask=None, merge_mode=None,
                 unroll=False):
    """What Keras computes for the configuration `reference` takes, with the same arrays.

    The Keras layer is built from the same options (units from the recurrent kernel, use_bias from
    the weight count; wrapped in Bidirectional(merge_mode=...) when merge_mode is set), its weights
    set in get_weights() order, then called as layer(inputs, mask=mask, training=False).
    Raises keras_reference.KerasUnavailable where keras does not import.
    """
    keras = keras_reference.import_keras()
    per_direction = len(weights) // (2 if merge_mode is not None else 1)
    options = dict(activation=activation, use_bias=per_direction == 3, return_sequences=return_sequences,
                   go_backwards=go_backwards, unroll=unroll)
    if kind != "SimpleRNN":
        options["recurrent_activation"] = recurrent_activation
    if kind == "GRU":
        options["reset_after"] = reset_after
    if kind not in GATES:
        raise ValueError(f"unknown layer kind {kind!r}; expected one of {sorted(GATES)}")
    layer = getattr(keras.layers, kind)(int(np.shape(weights[1])[0]), **options)
    if merge_mode is not None:
        layer = keras.layers.Bidirectional(layer, merge_mode=merge_mode)
    x = np.asarray(inputs, dtype=np.float32)
    layer.build(x.shape)
    layer.set_weights([np.asarray(w, dtype=np.float32) for w in weights])
    y = layer(x, mask=None if mask is None else np.asarray(mask, dtype=bool), training=False)
    return np.ascontiguousarray(keras.ops.convert_to_numpy(y), dtype=np.float32)


def tutorial_draw(seed, timesteps=10, input_dim=4, hidden_size=8):
    """The tutorial's shapes and np.random.random-style draws: inputs, Wx (hidden, input), Wh, b."""
    rng = np.random.default_rng(seed)
    inputs = rng.random((timesteps, input_dim)).astype(np.float32)
    Wx = rng.random((hidden_size, input_dim)).astype(np.float32)
    Wh = rng.random((hidden_size, hidden_size)).astype(np.float32)
    b = rng.random((hidden_size,)).astype(np.float32)
    return inputs, Wx, Wh, b


def tutorial(inputs, Wx, Wh, b, as_printed=False):
    """The tutorial's own loop over these arrays: fixed, or as printed in the notes (typo kept)."""
    import tutorial_rnn
    loop = tutorial_rnn.tutorial_rnn_as_printed if as_printed else tutorial_rnn.tutorial_rnn
    return loop(inputs, Wx, Wh, b).astype(np.float32)


# ---------------------------------------------------------------- layered models

def _encoder_decoder_json():
    """Functional seq2seq: encoder LSTM(return_state) over x; decoder Masking -> LSTM(initial_state=[h, c])
    -> TimeDistributed(Dense); the decoder's mask is dropped by initial_state, as Keras 3.15.1 does."""
    import keras_json
    return keras_json.functional_model_json(
        [("encoder_input", [None, 6, 3]), ("decoder_input", [None, 5, 2])],
        [("LSTM", {"name": "encoder", "units": 4, "return_state": True}, ["encoder_input"], {}),
         ("Masking", {"name": "masking"}, ["decoder_input"], {}),
         ("LSTM", {"name": "decoder", "units": 4, "return_sequences": True}, ["masking"],
          {"initial_state": [("encoder", 1), ("encoder", 2)]}),
         ("TimeDistributed", {"layer": ("Dense", {"name": "dense", "units": 2, "activation": "softmax"})},
          ["decoder"], {})],
        ["time_distributed", ("encoder", 1)])


# Catalogue cases run live too: the attention calls whose masks Keras reads off several tensors.
_CATALOGUE_LIVE = ("numpy_functional_masked_multi_head_attention", "numpy_functional_causal_attention",
                   "numpy_functional_transformer_residual")


def _model_cases():
    from case_catalogue import integers, numpy_model_case, uniform
    return [
        numpy_model_case("ner_embedding_bilstm_time_distributed",
                         "Embedding(30, 6, mask_zero) -> Bidirectional(LSTM(5, sequences)) -> TimeDistributed(Dense(4, softmax))",
                         331, (None, 9), [("Embedding", dict(input_dim=30, output_dim=6, mask_zero=True)),
                                          ("Bidirectional", dict(layer=("LSTM", dict(units=5, return_sequences=True)))),
                                          ("TimeDistributed", dict(layer=("Dense", dict(units=4, activation="softmax"))))],
                         integers((4, 9), 1, 30, pad="end"), input_dtype="int32"),
        numpy_model_case("masked_gru_dropout_lstm_dense",
                         "Masking -> GRU(6, sequences) -> Dropout -> LSTM(3) -> Dense(1, sigmoid), pre-padded steps",
                         332, (None, 7, 3), [("Masking", {}), ("GRU", dict(units=6, return_sequences=True)),
                                             ("Dropout", dict(rate=0.3)), ("LSTM", dict(units=3)),
                                             ("Dense", dict(units=1, activation="sigmoid"))],
                         uniform((5, 7, 3), pad="start", pad_unit="timesteps")),
        numpy_model_case("stateful_bidirectional_gru_dense",
                         "Bidirectional(GRU(3, stateful), ave) -> Dense(2), batch 2: two runs carry state, the third resets",
                         333, (2, 4, 3), [("Bidirectional", dict(layer=("GRU", dict(units=3, stateful=True)),
                                                                 merge_mode="ave")),
                                          ("Dense", dict(units=2))],
                         [uniform((2, 4, 3))] * 3, runs=(False, False, True)),
        numpy_model_case("simple_rnn_mul_sequences_dense",
                         "Bidirectional(SimpleRNN(4, relu, sequences), mul) -> Dense(3, tanh) on (batch, 6, 5)",
                         334, (None, 6, 5), [("Bidirectional", dict(layer=("SimpleRNN", dict(units=4, activation="relu",
                                                                                             return_sequences=True)),
                                                                 merge_mode="mul")),
                                             ("Dense", dict(units=3, activation="tanh"))],
                         uniform((3, 6, 5))),
    ]


_FUNCTIONAL = {"encoder_decoder_initial_state": (335, _encoder_decoder_json)}


def model_names():
    """The names of the layered models live parity runs."""
    return [c.name for c in _model_cases()] + list(_FUNCTIONAL) + list(_CATALOGUE_LIVE)


def model_case(name):
    """{"model_json": text, "weights": [...], "inputs": [[...] per run], "reset_states": [...],
    "outputs": [[...] per run]} for the named layered model, computed by numpy_runner."""
    import json

    import case_catalogue
    import numpy_runner
    by_name = {c.name: c for c in _model_cases() + [c for c in case_catalogue.NUMPY_CASES if c.name in _CATALOGUE_LIVE]}
    if name in by_name:
        case = by_name[name]
        built = case_catalogue.build_numpy_model_case(case)
        weights = [w[3] for w in built["weights"]]
        runs = built["runs"]
        return {"model_json": json.dumps(built["model_json"]), "weights": weights,
                "inputs": [r["inputs"] for r in runs], "reset_states": [r["reset_states"] for r in runs],
                "outputs": [r["outputs"] for r in runs], "tolerance": case.tolerance}
    if name not in _FUNCTIONAL:
        raise ValueError(f"unknown live model {name!r}; known: {', '.join(model_names())}")
    seed, build = _FUNCTIONAL[name]
    model = build()
    _, shapes = numpy_runner.describe_model(model, name)
    rng = np.random.default_rng(seed)
    weights = [rng.uniform(-0.5, 0.5, s).astype(np.float32) for s in shapes]
    x = rng.uniform(-1, 1, (3, 6, 3)).astype(np.float32)
    y = rng.uniform(-1, 1, (3, 5, 2)).astype(np.float32)
    y[1, 3:] = 0.0  # padded decoder steps: masked by Masking, yet the decoder runs over them
    outputs, _ = numpy_runner.run_model(model, weights, [[x, y]], where=name)
    return {"model_json": json.dumps(model), "weights": weights, "inputs": [[x, y]], "reset_states": [False],
            "outputs": outputs, "tolerance": {"atol": 1e-5, "rtol": 1e-5}}
