"""In-process parity with the C# layers: draws seeded weights and inputs and runs the NumPy reference.

The C# side (src/RnnParity.Python/Parity/LiveParity.cs) calls `draw` for the arrays, feeds them
to its own SimpleRNN/LSTM/GRU, calls `reference` with the same arrays and compares in memory;
nothing is written to disk. The names of the layer kinds match the C# classes.
"""
import numpy as np

import numpy_reference

GATES = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}


def weight_shapes(kind, units, features, use_bias=True, reset_after=True):
    """Keras's get_weights() shapes for one recurrent layer."""
    width = units * GATES[kind]
    shapes = [(features, width), (units, width)]
    if use_bias:
        shapes.append((2, width) if kind == "GRU" and reset_after else (width,))
    return shapes


def draw(seed, kind, units, features, timesteps, batch, use_bias=True, reset_after=True):
    """Weights uniform(-0.5, 0.5), then inputs uniform(-1, 1), all float32, from default_rng(seed)."""
    rng = np.random.default_rng(seed)
    weights = [rng.uniform(-0.5, 0.5, s).astype(np.float32)
               for s in weight_shapes(kind, units, features, use_bias, reset_after)]
    inputs = rng.uniform(-1.0, 1.0, (batch, timesteps, features)).astype(np.float32)
    return weights, inputs


def reference(kind, inputs, weights, activation="tanh", recurrent_activation="sigmoid",
              return_sequences=False, go_backwards=False, reset_after=True):
    """The NumPy reference's output for one layer; weights in get_weights() order."""
    kernel, recurrent_kernel = weights[0], weights[1]
    bias = weights[2] if len(weights) > 2 else None
    options = dict(activation=activation, return_sequences=return_sequences, go_backwards=go_backwards)
    if kind == "SimpleRNN":
        return numpy_reference.simple_rnn(inputs, kernel, recurrent_kernel, bias, **options)
    if kind == "LSTM":
        return numpy_reference.lstm(inputs, kernel, recurrent_kernel, bias,
                                    recurrent_activation=recurrent_activation, **options)
    if kind == "GRU":
        return numpy_reference.gru(inputs, kernel, recurrent_kernel, bias,
                                   recurrent_activation=recurrent_activation, reset_after=reset_after, **options)
    raise ValueError(f"unknown layer kind {kind!r}; expected one of {sorted(GATES)}")


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
