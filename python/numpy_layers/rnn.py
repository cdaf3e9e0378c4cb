"""NumPy version of Keras's generic RNN layer (keras/src/layers/rnn/rnn.py) over
SimpleRNNCell, LSTMCell, GRUCell and StackedRNNCells.

Each cell step is one timestep of the independent references in
numpy_reference.py (simple_rnn, lstm, gru); the loop here follows Keras's numpy
backend rnn: at a masked step every state keeps its value and the output is
the last cell's previous h (`output_tm1 = states[-1][0]` for nested states),
or zeros with zero_output_for_mask; unroll=True repeats the previous output
(zeros before the first step) instead.
"""
import numpy as np

import numpy_reference as ref


def _cells(cell):
    """A serialised cell -> flat list of (class_name, config); StackedRNNCells flattens."""
    if cell["class_name"] == "StackedRNNCells":
        return [c for sub in cell["config"]["cells"] for c in _cells(sub)]
    if cell["class_name"] not in ("SimpleRNNCell", "LSTMCell", "GRUCell"):
        raise ValueError(f"cell {cell['class_name']} is not supported")
    return [(cell["class_name"], cell["config"])]


def _state_count(class_name):
    return 2 if class_name == "LSTMCell" else 1


def _cell_weight_shapes(class_name, config, input_dim):
    units = config["units"]
    gates = {"SimpleRNNCell": 1, "LSTMCell": 4, "GRUCell": 3}[class_name]
    shapes = [("kernel", (input_dim, gates * units)), ("recurrent_kernel", (units, gates * units))]
    if config.get("use_bias", True):
        if class_name == "GRUCell" and config.get("reset_after", True):
            shapes.append(("bias", (2, 3 * units)))
        else:
            shapes.append(("bias", (gates * units,)))
    return shapes


def _step(class_name, config, weights):
    """One timestep of the reference layer: (x_t, states) -> (h, new_states)."""
    kernel, recurrent_kernel = weights[0], weights[1]
    bias = weights[2] if len(weights) > 2 else None
    activation = config.get("activation", "tanh")
    recurrent_activation = config.get("recurrent_activation", "sigmoid")

    def step(x_t, states):
        x = x_t[:, np.newaxis, :]
        if class_name == "SimpleRNNCell":
            out = ref.simple_rnn(x, kernel, recurrent_kernel, bias, activation, return_state=True, initial_state=states)
        elif class_name == "LSTMCell":
            out = ref.lstm(x, kernel, recurrent_kernel, bias, activation, recurrent_activation,
                           return_state=True, initial_state=states)
        else:
            out = ref.gru(x, kernel, recurrent_kernel, bias, activation, recurrent_activation,
                          config.get("reset_after", True), return_state=True, initial_state=states)
        return out[0], list(out[1:])

    return step


class RNN:
    @staticmethod
    def weight_shapes(config, input_shapes):
        shapes, input_dim = [], input_shapes[0][-1]
        for class_name, cell_config in _cells(config["cell"]):
            shapes += _cell_weight_shapes(class_name, cell_config, input_dim)
            input_dim = cell_config["units"]
        return shapes

    @staticmethod
    def output_shapes(config, input_shapes):
        batch, steps = input_shapes[0][0], input_shapes[0][1]
        cells = _cells(config["cell"])
        units = cells[-1][1]["units"]
        out = [[batch, steps, units] if config.get("return_sequences", False) else [batch, units]]
        if config.get("return_state", False):
            out += [[batch, c["units"]] for name, c in cells for _ in range(_state_count(name))]
        return out

    @staticmethod
    def call(config, weights, inputs, masks):
        x = np.asarray(inputs[0], dtype=np.float32)
        batch, timesteps = x.shape[0], x.shape[1]
        cells = _cells(config["cell"])
        steps, states, w, s = [], [], 0, 1
        for class_name, cell_config in cells:
            n = len(_cell_weight_shapes(class_name, cell_config, 1))
            steps.append(_step(class_name, cell_config, weights[w:w + n]))
            w += n
            count = _state_count(class_name)
            given = inputs[s:s + count] if len(inputs) > 1 else []
            states.append([np.asarray(g, np.float32) for g in given] or
                          [np.zeros((batch, cell_config["units"]), np.float32) for _ in range(count)])
            s += count
        mask = masks[0] if masks and masks[0] is not None else None
        go_backwards = config.get("go_backwards", False)
        unroll = config.get("unroll", False)
        zero_output = config.get("zero_output_for_mask", False)

        outputs = []
        for t in (range(timesteps - 1, -1, -1) if go_backwards else range(timesteps)):
            h, new_states = x[:, t, :], []
            for step, cell_states in zip(steps, states):
                h, cell_new = step(h, cell_states)
                new_states.append(cell_new)
            if mask is not None:
                keep = np.asarray(mask, bool)[:, t][:, np.newaxis]
                if unroll:
                    previous = outputs[-1] if outputs else np.zeros_like(h)
                else:
                    previous = np.zeros_like(h) if zero_output else states[-1][0]
                h = np.where(keep, h, previous)
                new_states = [[np.where(keep, n, o) for n, o in zip(ns, os)] for ns, os in zip(new_states, states)]
            outputs.append(h)
            states = new_states

        sequences = config.get("return_sequences", False)
        output = np.stack(outputs, axis=1) if sequences else outputs[-1]
        result = [output]
        if config.get("return_state", False):
            result += [st for cell_states in states for st in cell_states]
        return result, [mask if sequences else None] + [None] * (len(result) - 1)


LAYERS = {"RNN": RNN}


def call_json(config_json, inputs, weights, mask=None):
    """Bridge for the C# parity tests: the RNN layer's config as JSON text; returns its outputs."""
    import json
    outputs, _ = RNN.call(json.loads(config_json), list(weights), list(inputs), [mask])
    return outputs
