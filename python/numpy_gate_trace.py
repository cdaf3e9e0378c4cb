"""Per-step gates and states of one recurrent layer, from the NumPy reference, for
`rnnparity diff`'s gate traces (src/RnnParity.Diagnosis/Gates). Not reference math itself:
the cells are numpy_reference's, driven by its own time loop (_run), so masking and
go_backwards are exactly the reference's.

trace(kind, config_json, weights, x, initial_states, mask, go_backwards) -> (gates, states):
    kind SimpleRNN, LSTM or GRU; config_json {"activation", "recurrent_activation", "reset_after"};
    weights [kernel, recurrent_kernel(, bias)]; x (batch, timesteps, features); initial_states a
    list of (batch, units) arrays; mask (batch, timesteps) as 0/1 floats or None.
    gates (steps, batch, gates·units) in processing order, blocks as Keras orders them (LSTM i, f,
    activation(z_c), o; GRU z, r, h~; SimpleRNN h); states (steps, state count, batch, units),
    each step's states after its masking.
"""
import json

import numpy as np

import numpy_reference


def trace(kind, config_json, weights, x, initial_states, mask, go_backwards):
    config = json.loads(config_json)
    x = np.asarray(x, np.float32)
    w = [np.asarray(a).astype(np.float32) for a in weights]
    bias = w[2] if len(w) == 3 else None
    act = config.get("activation", "tanh")
    rec = config.get("recurrent_activation", "sigmoid")
    gates = []
    if kind == "SimpleRNN":
        cell = numpy_reference.simple_rnn_cell(w[0], w[1], bias, act, trace=gates)
    elif kind == "LSTM":
        cell = numpy_reference.lstm_cell(w[0], w[1], bias, act, rec, trace=gates)
    elif kind == "GRU":
        if bias is not None and config.get("reset_after", True):
            bias = bias.reshape(2, -1)
        cell = numpy_reference.gru_cell(w[0], w[1], bias, act, rec, config.get("reset_after", True), trace=gates)
    else:
        raise ValueError(f"no gate trace for {kind!r}: expected SimpleRNN, LSTM or GRU")

    seen = []

    def watched(x_t, states):
        # The states a step starts from are the previous step's, after its masking.
        seen.append(states)
        return cell(x_t, states)

    initial = [np.asarray(s, np.float32) for s in initial_states]
    m = None if mask is None else np.asarray(mask) > 0.5
    _, *final = numpy_reference._run(watched, x, initial, False, True, bool(go_backwards), m, False)
    after = seen[1:] + [final]
    return (np.ascontiguousarray(np.stack(gates), dtype=np.float32),
            np.ascontiguousarray(np.stack([np.stack(s) for s in after]), dtype=np.float32))
