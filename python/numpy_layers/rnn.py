"""Keras 3 recurrent layers in NumPy: SimpleRNN, LSTM, GRU, Bidirectional, TimeDistributed.

The recurrences are numpy_reference's; this module adds what Keras's RNN layer, Bidirectional
and TimeDistributed do around them (keras/src/layers/rnn/, Keras 3.15.1):
  * inputs are [sequences, *initial_state]; a stateful layer starts from the states its
    previous call left (the `state` dict the runner keeps per layer) unless given
    initial_state, and stores its final states there;
  * RNN.compute_mask: the output mask is the input mask with return_sequences, else None,
    and None for every returned state;
  * Bidirectional rebuilds the forward layer and uses backward_layer (or a go_backwards copy),
    both with zero_output_for_mask = return_sequences; initial_state is split in halves; the
    backward sequence is flipped back before merge_mode concat/sum/ave/mul/None; return_state
    gives [output(s), *forward_states, *backward_states];
  * TimeDistributed calls the inner layer on each timestep x[:, t] and stacks along axis 1;
    the mask passes on unchanged;
  * RNN(cell) runs SimpleRNNCell / LSTMCell / GRUCell or StackedRNNCells (each cell feeding the
    next, states [*cell 1 states, *cell 2 states, ...] in order, the output the last cell's; a
    masked step outputs the first state of the last cell, as keras/src/backend/numpy/rnn.py does).
"""
import numpy as np

import numpy_reference

_GATES = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}
_STATES = {"SimpleRNN": 1, "LSTM": 2, "GRU": 1}
_CELLS = {"SimpleRNN": "simple_rnn_cell", "LSTM": "lstm_cell", "GRU": "gru_cell"}
_FUNCTIONS = {"SimpleRNN": numpy_reference.simple_rnn, "LSTM": numpy_reference.lstm,
              "GRU": numpy_reference.gru}


def _registry():
    from . import REGISTRY
    return REGISTRY


def _inner(config, key):
    """(spec, config) of a wrapped layer; ValueError naming the class when it is not registered."""
    nested = config.get(key)
    if not isinstance(nested, dict) or not isinstance(nested.get("config"), dict):
        raise ValueError(f"{key}: expected a serialized layer {{class_name, config}}, got {nested!r}")
    cls = nested.get("class_name")
    spec = _registry().get(cls)
    if spec is None:
        raise ValueError(f"{key}: layer class {cls!r} is not supported yet by the NumPy layers")
    return spec, nested["config"]


class _Recurrent:
    """One Keras RNN layer class; `kind` is SimpleRNN, LSTM or GRU."""

    def __init__(self, kind):
        self.kind = kind
        self.state_count = _STATES[kind]

    def weight_shapes(self, config, input_shapes):
        units = config["units"]
        width = units * _GATES[self.kind]
        shapes = [("kernel", (input_shapes[0][-1], width)), ("recurrent_kernel", (units, width))]
        if config.get("use_bias", True):
            two = self.kind == "GRU" and config.get("reset_after", True)
            shapes.append(("bias", (2, width) if two else (width,)))
        # Names as Keras's variable paths below the layer: the cell owns the weights.
        return [(f"{_CELLS[self.kind]}/{name}", shape) for name, shape in shapes]

    def output_shapes(self, config, input_shapes):
        seq = list(input_shapes[0])
        if len(seq) != 3:
            raise ValueError(f"expected a 3-D input (batch, timesteps, features), got shape {seq}")
        units = config["units"]
        out = [seq[0], seq[1], units] if config.get("return_sequences") else [seq[0], units]
        if config.get("return_state"):
            return [out] + [[seq[0], units]] * self.state_count
        return [out]

    def compute_mask(self, config, inputs, masks):
        mask = masks[0] if masks else None
        out = mask if config.get("return_sequences") else None
        return [out] + [None] * self.state_count if config.get("return_state") else [out]

    def call(self, config, weights, inputs, masks, state=None):
        x, initial = inputs[0], list(inputs[1:]) or None
        if initial is not None and len(initial) != self.state_count:
            raise ValueError(f"{self.kind} takes {self.state_count} initial state(s), got {len(initial)}")
        stateful = bool(config.get("stateful"))
        if initial is None and stateful and state is not None:
            initial = state.get("states")
        kwargs = {k: config[k] for k in ("activation", "recurrent_activation", "go_backwards",
                                         "return_sequences", "zero_output_for_mask", "unroll")
                  if k in config}
        if self.kind == "GRU":
            kwargs["reset_after"] = config.get("reset_after", True)
        bias = weights[2] if len(weights) == 3 else None
        output, *final = _FUNCTIONS[self.kind](x, weights[0], weights[1], bias, return_state=True,
                                               initial_state=initial, mask=masks[0] if masks else None,
                                               **kwargs)
        if stateful and state is not None:
            state["states"] = final
        outputs = [output, *final] if config.get("return_state") else [output]
        return outputs, self.compute_mask(config, inputs, masks)


def _bidirectional_halves(config):
    """(spec, forward config, backward config) as Keras's Bidirectional.__init__ builds them."""
    spec, layer = _inner(config, "layer")
    forward = dict(layer)
    if config.get("backward_layer") is not None:
        back_spec, backward = _inner(config, "backward_layer")
        if back_spec is not spec:
            raise ValueError("a backward_layer of another class than layer is not supported yet")
        backward = dict(backward)
    else:
        backward = dict(layer, go_backwards=True)
    if bool(forward.get("go_backwards")) == bool(backward.get("go_backwards")):
        raise ValueError("layer and backward_layer need different go_backwards values")
    for key in ("stateful", "return_sequences", "return_state"):
        if bool(forward.get(key)) != bool(backward.get(key)):
            raise ValueError(f"layer and backward_layer need the same {key}")
    for half in (forward, backward):
        half["zero_output_for_mask"] = bool(half.get("return_sequences"))
    return spec, forward, backward


_MERGES = {"concat": lambda a, b: np.concatenate([a, b], axis=-1), "sum": lambda a, b: a + b,
           "mul": lambda a, b: a * b, "ave": lambda a, b: (a + b) / np.asarray(2, a.dtype)}


class Bidirectional:
    @staticmethod
    def _merge_mode(config):
        mode = config.get("merge_mode", "concat")
        if mode is not None and mode not in _MERGES:
            raise ValueError(f"merge_mode {mode!r} is not one of concat, sum, mul, ave, None")
        return mode

    @staticmethod
    def weight_shapes(config, input_shapes):
        spec, forward, backward = _bidirectional_halves(config)
        seq = [input_shapes[0]]
        return ([(f"{forward.get('name', 'forward')}/{n}", s) for n, s in spec.weight_shapes(forward, seq)]
                + [(f"{backward.get('name', 'backward')}/{n}", s) for n, s in spec.weight_shapes(backward, seq)])

    @staticmethod
    def output_shapes(config, input_shapes):
        spec, forward, _ = _bidirectional_halves(config)
        mode = Bidirectional._merge_mode(config)
        shapes = spec.output_shapes(forward, [input_shapes[0]])
        out, states = list(shapes[0]), shapes[1:] if forward.get("return_state") else []
        if mode == "concat":
            out[-1] *= 2
        outs = [out, list(out)] if mode is None else [out]
        return outs + list(states) + list(states)

    @staticmethod
    def compute_mask(config, inputs, masks):
        _, forward, _ = _bidirectional_halves(config)
        mode = Bidirectional._merge_mode(config)
        mask = masks[0] if masks else None
        count = 1 if mode is not None else 2
        outs = [mask if forward.get("return_sequences") else None] * count
        if forward.get("return_state"):
            # The input's own frame shape: a ConvLSTM's states are maps, not (batch, units) rows.
            shape = [None, *np.shape(inputs[0])[1:]] if inputs else [None, None, 1]
            states = len(Bidirectional.output_shapes(config, [shape])) - count
            outs += [None] * states
        return outs

    @staticmethod
    def call(config, weights, inputs, masks, state=None):
        spec, forward, backward = _bidirectional_halves(config)
        mode = Bidirectional._merge_mode(config)
        x, initial = inputs[0], list(inputs[1:])
        half_w = len(spec.weight_shapes(forward, [list(x.shape)]))
        half_s = len(initial) // 2
        mask = masks[0] if masks else None
        if state is not None:
            state.setdefault("forward", {})
            state.setdefault("backward", {})
        results = []
        for cfg, w, init, key in ((forward, weights[:half_w], initial[:half_s], "forward"),
                                  (backward, weights[half_w:], initial[half_s:], "backward")):
            outs, _ = spec.call(cfg, w, [x, *init], [mask] + [None] * len(init),
                                state=None if state is None else state[key])
            results.append(outs)
        y, y_rev = results[0][0], results[1][0]
        states = results[0][1:] + results[1][1:] if forward.get("return_state") else []
        if forward.get("return_sequences"):
            y_rev = y_rev[:, ::-1]
        merged = [y, np.ascontiguousarray(y_rev)] if mode is None else [np.ascontiguousarray(_MERGES[mode](y, y_rev))]
        return merged + states, Bidirectional.compute_mask(config, inputs, masks)


class TimeDistributed:
    @staticmethod
    def _child_shape(input_shapes):
        shape = list(input_shapes[0])
        if len(shape) < 3:
            raise ValueError(f"TimeDistributed needs an input of rank 3 or more, got shape {shape}")
        return [shape[0], *shape[2:]]

    @staticmethod
    def weight_shapes(config, input_shapes):
        spec, inner = _inner(config, "layer")
        return [(f"{inner.get('name', 'layer')}/{n}", s)
                for n, s in spec.weight_shapes(inner, [TimeDistributed._child_shape(input_shapes)])]

    @staticmethod
    def output_shapes(config, input_shapes):
        spec, inner = _inner(config, "layer")
        outs = spec.output_shapes(inner, [TimeDistributed._child_shape(input_shapes)])
        if len(outs) != 1:
            raise ValueError("TimeDistributed over a layer with several outputs is not supported yet")
        return [[outs[0][0], input_shapes[0][1], *outs[0][1:]]]

    @staticmethod
    def call(config, weights, inputs, masks):
        spec, inner = _inner(config, "layer")
        x = inputs[0]
        # Keras passes mask[:, t] only to an inner layer whose call takes a mask; none of the
        # registered layers that run on one timestep do, so the inner call gets no mask.
        steps = [spec.call(inner, weights, [x[:, t]], [None])[0][0] for t in range(x.shape[1])]
        return [np.stack(steps, axis=1)], [masks[0] if masks else None]


_CELL_KINDS = {"SimpleRNNCell": "SimpleRNN", "LSTMCell": "LSTM", "GRUCell": "GRU"}


def _cells(config):
    """[(kind, cell config)] of an RNN layer's cell (one cell, or StackedRNNCells' cells)."""
    cell = config.get("cell")
    if not isinstance(cell, dict) or not isinstance(cell.get("config"), dict):
        raise ValueError(f"cell: expected a serialized cell {{class_name, config}}, got {cell!r}")
    if cell.get("class_name") == "StackedRNNCells":
        cells = cell["config"].get("cells")
        if not isinstance(cells, list) or not cells:
            raise ValueError("StackedRNNCells needs a non-empty list of cells")
    else:
        cells = [cell]
    out = []
    for c in cells:
        kind = _CELL_KINDS.get(c.get("class_name")) if isinstance(c, dict) else None
        if kind is None or not isinstance(c.get("config"), dict):
            raise ValueError(f"cell class {c.get('class_name') if isinstance(c, dict) else c!r} is not supported yet "
                             f"(known: {', '.join(_CELL_KINDS)}, StackedRNNCells)")
        out.append((kind, c["config"]))
    return out


def _cell_step(kind, cfg, weights):
    bias = weights[2] if len(weights) == 3 else None
    act = cfg.get("activation", "tanh")
    if kind == "SimpleRNN":
        return numpy_reference.simple_rnn_cell(weights[0], weights[1], bias, act)
    if kind == "LSTM":
        return numpy_reference.lstm_cell(weights[0], weights[1], bias, act, cfg.get("recurrent_activation", "sigmoid"))
    return numpy_reference.gru_cell(weights[0], weights[1], bias, act, cfg.get("recurrent_activation", "sigmoid"),
                                    cfg.get("reset_after", True))


class RNN:
    """keras.layers.RNN(cell): the generic recurrent layer over one cell or StackedRNNCells."""

    @staticmethod
    def _stacked(config):
        return config.get("cell", {}).get("class_name") == "StackedRNNCells"

    @staticmethod
    def weight_shapes(config, input_shapes):
        shapes, dim = [], input_shapes[0][-1]
        prefix = f"{config['cell']['config'].get('name', 'stacked_rnn_cells')}/" if RNN._stacked(config) else ""
        for kind, cfg in _cells(config):
            for name, shape in LAYERS[kind].weight_shapes(cfg, [[None, None, dim]]):
                shapes.append((prefix + name.replace(_CELLS[kind], cfg.get("name", _CELLS[kind]), 1), shape))
            dim = cfg["units"]
        return shapes

    @staticmethod
    def output_shapes(config, input_shapes):
        seq = list(input_shapes[0])
        if len(seq) != 3:
            raise ValueError(f"expected a 3-D input (batch, timesteps, features), got shape {seq}")
        cells = _cells(config)
        units = cells[-1][1]["units"]
        out = [seq[0], seq[1], units] if config.get("return_sequences") else [seq[0], units]
        if config.get("return_state"):
            return [out] + [[seq[0], cfg["units"]] for kind, cfg in cells for _ in range(_STATES[kind])]
        return [out]

    @staticmethod
    def compute_mask(config, inputs, masks):
        mask = masks[0] if masks else None
        out = mask if config.get("return_sequences") else None
        count = sum(_STATES[kind] for kind, _ in _cells(config))
        return [out] + [None] * count if config.get("return_state") else [out]

    @staticmethod
    def call(config, weights, inputs, masks, state=None):
        x = inputs[0]
        cells = _cells(config)
        counts = [_STATES[kind] for kind, _ in cells]
        steps, k = [], 0
        for kind, cfg in cells:
            n = len(LAYERS[kind].weight_shapes(cfg, [[None, None, 1]]))
            steps.append(_cell_step(kind, cfg, [np.asarray(w).astype(x.dtype) for w in weights[k:k + n]]))
            k += n

        def step(x_t, flat):
            new, at = [], 0
            for cell, count in zip(steps, counts):
                x_t, states = cell(x_t, flat[at:at + count])
                new.extend(states)
                at += count
            return x_t, new

        initial = list(inputs[1:]) or None
        stateful = bool(config.get("stateful"))
        if initial is None and stateful and state is not None:
            initial = state.get("states")
        if initial is None:
            initial = [np.zeros((x.shape[0], cfg["units"]), x.dtype) for kind, cfg in cells
                       for _ in range(_STATES[kind])]
        if len(initial) != sum(counts):
            raise ValueError(f"RNN takes {sum(counts)} initial state(s), got {len(initial)}")
        initial = [np.asarray(s).astype(x.dtype) for s in initial]
        output, *final = numpy_reference._run(
            step, x, initial, bool(config.get("return_sequences")), True, bool(config.get("go_backwards")),
            masks[0] if masks else None, bool(config.get("zero_output_for_mask")), bool(config.get("unroll")),
            previous_output=sum(counts[:-1]) if RNN._stacked(config) else 0)
        if stateful and state is not None:
            state["states"] = final
        outputs = [output, *final] if config.get("return_state") else [output]
        return outputs, RNN.compute_mask(config, inputs, masks)


# Imported here, not at the top: conv_lstm needs the convolutional group, which imports nothing from here.
from .conv_lstm import ConvLSTM1D, ConvLSTM2D, ConvLSTM3D  # noqa: E402

LAYERS = {"SimpleRNN": _Recurrent("SimpleRNN"), "LSTM": _Recurrent("LSTM"), "GRU": _Recurrent("GRU"),
          "Bidirectional": Bidirectional, "TimeDistributed": TimeDistributed, "RNN": RNN, "ConvLSTM1D": ConvLSTM1D,
          "ConvLSTM2D": ConvLSTM2D, "ConvLSTM3D": ConvLSTM3D}


def call_json(config_json, inputs, weights, mask=None):
    """Bridge for the C# parity tests (RnnParityTests): an RNN layer's config as JSON text; returns its outputs."""
    import json
    outputs, _ = RNN.call(json.loads(config_json), list(weights), list(inputs), [mask])
    return outputs
