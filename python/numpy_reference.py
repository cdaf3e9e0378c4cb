"""Independent NumPy references for Keras 3 SimpleRNN, LSTM and GRU.

Written from the equations, one readable loop over timesteps, in Keras's
weight layout:
    kernel            (input_dim, units * gates)
    recurrent_kernel  (units, units * gates)
    bias              (units * gates,), or (2, 3 * units) for GRU reset_after
Everything is computed in the inputs' dtype (float32 for the fixtures), with
the weights cast to it, so rounding follows what Keras does in float32.

Layer semantics copied from Keras 3 (keras/src/backend/numpy/rnn.py, the path
every backend shares when unroll=False):
  * go_backwards walks the sequence from the last step to the first and the
    returned sequence stays in that processing order (it is not flipped back);
  * a masked step (mask False for that sample) keeps the previous states and
    outputs the previous h (states[0]), or zeros with zero_output_for_mask;
    the mask is reversed together with the inputs under go_backwards;
  * the last output is the last entry of that output sequence;
  * return_state gives [output, *final_states].
"""
import math

import numpy as np


def _relu(x):
    return np.maximum(x, np.array(0.0, x.dtype))


def _sigmoid(x):
    one = np.array(1.0, x.dtype)
    return one / (one + np.exp(-x))


def _hard_sigmoid(x):
    # Keras 3 changed hard_sigmoid from clip(0.2x + 0.5) to relu6(x + 3) / 6;
    # written as Keras's numpy backend writes it, x / 6 + 0.5 clipped to [0, 1].
    y = x / np.array(6.0, x.dtype) + np.array(0.5, x.dtype)
    return np.clip(y, np.array(0.0, x.dtype), np.array(1.0, x.dtype))


def _softmax(x):
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def _elu(x, alpha=1.0):
    return np.where(x >= 0, x, np.array(alpha, x.dtype) * np.expm1(x)).astype(x.dtype)


def _selu(x):
    alpha = 1.6732632423543772848170429916717
    scale = 1.0507009873554804934193349852946
    return (np.array(scale, x.dtype) * _elu(x, alpha)).astype(x.dtype)


def _softplus(x):
    return np.logaddexp(x, np.array(0.0, x.dtype))


def _softsign(x):
    return x / (np.array(1.0, x.dtype) + np.abs(x))


def _silu(x):
    return x * _sigmoid(x)


_erf = np.vectorize(math.erf, otypes=[np.float64])


def _gelu(x):
    # keras.activations.gelu defaults to approximate=False: the exact erf form.
    cdf = (_erf(x.astype(np.float64) / math.sqrt(2.0)) + 1.0) / 2.0
    return (x * cdf.astype(x.dtype)).astype(x.dtype)


def _linear(x):
    return x


ACTIVATIONS = {
    "tanh": np.tanh,
    "sigmoid": _sigmoid,
    "hard_sigmoid": _hard_sigmoid,
    "relu": _relu,
    "linear": _linear,
    None: _linear,
    "softmax": _softmax,
    "elu": _elu,
    "selu": _selu,
    "softplus": _softplus,
    "softsign": _softsign,
    "swish": _silu,
    "silu": _silu,
    "gelu": _gelu,
    "exponential": np.exp,
}


def _relu6(x):
    return np.minimum(np.maximum(x, np.array(0.0, x.dtype)), np.array(6.0, x.dtype))


def _leaky_relu(x, negative_slope=0.2):
    return np.maximum(x, np.array(negative_slope, x.dtype) * x)


def _celu(x, alpha=1.0):
    a = np.array(alpha, x.dtype)
    zero = np.array(0.0, x.dtype)
    return np.maximum(x, zero) + a * np.expm1(np.minimum(x, zero) / a)


def _sparse_sigmoid(x):
    half = (np.array(0.5, x.dtype) * (x + np.array(1.0, x.dtype))).astype(x.dtype)
    return np.where(x <= -1, np.array(0.0, x.dtype), np.where(x >= 1, np.array(1.0, x.dtype), half))


def _log_softmax(x):
    shifted = x - np.max(x, axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


# The other names Keras 3.15's activations.get accepts that the C# side implements, written as
# keras/src/backend/numpy/nn.py computes them (mish from keras/src/activations/activations.py).
ACTIVATIONS.update({
    "relu6": _relu6,
    "leaky_relu": _leaky_relu,
    "celu": _celu,
    "hard_silu": lambda x: x * _hard_sigmoid(x),
    "hard_swish": lambda x: x * _hard_sigmoid(x),
    "hard_tanh": lambda x: np.clip(x, np.array(-1.0, x.dtype), np.array(1.0, x.dtype)),
    "tanh_shrink": lambda x: x - np.tanh(x),
    "log_sigmoid": lambda x: -_softplus(-x),
    "mish": lambda x: x * np.tanh(_softplus(x)),
    "sparse_sigmoid": _sparse_sigmoid,
    "log_softmax": _log_softmax,
})


def get_activation(name):
    """The activation function Keras names `name` (None means linear)."""
    if callable(name):
        return name
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        raise ValueError(
            f"unknown activation {name!r}; known: "
            + ", ".join(sorted(k for k in ACTIVATIONS if k is not None))
        ) from None


def _as_batch(inputs):
    x = np.asarray(inputs)
    if x.ndim == 2:
        x = x[np.newaxis]  # (timesteps, features) runs as a batch of one
    if x.ndim != 3:
        raise ValueError(f"inputs must be (batch, timesteps, features); got shape {x.shape}")
    return x


def _in_input_dtype(inputs, kernel, recurrent_kernel, bias):
    """The inputs as a batch, and the weights cast to the inputs' dtype, so every layer rounds alike."""
    x = _as_batch(inputs)
    cast = lambda a: None if a is None else np.asarray(a).astype(x.dtype)  # noqa: E731
    return x, cast(kernel), cast(recurrent_kernel), cast(bias)


def _initial_states(initial_state, batch, units, count, dtype):
    if initial_state is None:
        return [np.zeros((batch, units), dtype) for _ in range(count)]
    if isinstance(initial_state, np.ndarray):
        initial_state = [initial_state]
    states = [np.asarray(s).astype(dtype) for s in initial_state]
    if len(states) != count:
        raise ValueError(f"expected {count} initial state(s), got {len(states)}")
    return states


def _run(cell, x, states, return_sequences, return_state, go_backwards, mask,
         zero_output_for_mask, unroll=False, previous_output=0):
    """Drive `cell(x_t, states) -> (output, new_states)` over the time axis.

    unroll=True follows Keras's unrolled numpy loop, which differs only at masked steps: the
    output there is the previous step's output (zeros before the first step), and
    zero_output_for_mask is not consulted. Otherwise a masked step outputs
    states[previous_output] (Keras: the first state; for stacked cells the first state of the
    last cell).
    """
    timesteps = x.shape[1]
    order = range(timesteps - 1, -1, -1) if go_backwards else range(timesteps)
    if mask is not None:
        mask = np.asarray(mask).astype(bool)
        if mask.ndim == 1:
            mask = mask[np.newaxis]

    outputs = []
    for t in order:
        output_t, new_states = cell(x[:, t, :], states)
        if mask is not None:
            keep = mask[:, t][:, np.newaxis]
            if unroll:
                previous = outputs[-1] if outputs else np.zeros_like(output_t)
            else:
                previous = np.zeros_like(output_t) if zero_output_for_mask else states[previous_output]
            output_t = np.where(keep, output_t, previous)
            new_states = [np.where(keep, n, s) for n, s in zip(new_states, states)]
        outputs.append(output_t)
        states = new_states

    output = np.stack(outputs, axis=1) if return_sequences else outputs[-1]
    if return_state:
        return [output, *states]
    return output


def simple_rnn(inputs, kernel, recurrent_kernel, bias=None, activation="tanh",
               return_sequences=False, return_state=False, go_backwards=False,
               initial_state=None, mask=None, zero_output_for_mask=False, unroll=False):
    """Keras SimpleRNN.

        h_t = activation(x_t . kernel + bias + h_{t-1} . recurrent_kernel)

    State [h]; output h_t. Returns (batch, units), or (batch, timesteps, units)
    with return_sequences, or [output, h] with return_state.
    """
    x, kernel, recurrent_kernel, bias = _in_input_dtype(inputs, kernel, recurrent_kernel, bias)
    cell = simple_rnn_cell(kernel, recurrent_kernel, bias, activation)
    units = recurrent_kernel.shape[0]
    states = _initial_states(initial_state, x.shape[0], units, 1, x.dtype)
    return _run(cell, x, states, return_sequences, return_state, go_backwards,
                mask, zero_output_for_mask, unroll)


def simple_rnn_cell(kernel, recurrent_kernel, bias=None, activation="tanh", trace=None):
    """Keras SimpleRNNCell's step, `cell(x_t, [h]) -> (h_t, [h_t])`, weights in the inputs' dtype.

    trace: a list each step appends its gates to (here h_t), for numpy_gate_trace."""
    act = get_activation(activation)

    def cell(x_t, states):
        h_prev = states[0]
        z = np.dot(x_t, kernel)
        if bias is not None:
            z = z + bias
        h = act(z + np.dot(h_prev, recurrent_kernel))
        if trace is not None:
            trace.append(h)
        return h, [h]
    return cell


def lstm(inputs, kernel, recurrent_kernel, bias=None, activation="tanh",
         recurrent_activation="sigmoid", return_sequences=False,
         return_state=False, go_backwards=False, initial_state=None, mask=None,
         zero_output_for_mask=False, unroll=False):
    """Keras LSTM; gate blocks in the order i, f, c, o along the last axis.

        z   = x_t . kernel + h_{t-1} . recurrent_kernel + bias
        i   = recurrent_activation(z_i)
        f   = recurrent_activation(z_f)
        c_t = f * c_{t-1} + i * activation(z_c)
        o   = recurrent_activation(z_o)
        h_t = o * activation(c_t)

    States [h, c]; output h_t. return_state gives [output, h, c].
    """
    x, kernel, recurrent_kernel, bias = _in_input_dtype(inputs, kernel, recurrent_kernel, bias)
    cell = lstm_cell(kernel, recurrent_kernel, bias, activation, recurrent_activation)
    units = recurrent_kernel.shape[0]
    states = _initial_states(initial_state, x.shape[0], units, 2, x.dtype)
    return _run(cell, x, states, return_sequences, return_state, go_backwards,
                mask, zero_output_for_mask, unroll)


def lstm_cell(kernel, recurrent_kernel, bias=None, activation="tanh", recurrent_activation="sigmoid", trace=None):
    """Keras LSTMCell's step, `cell(x_t, [h, c]) -> (h_t, [h_t, c_t])`, gate blocks i, f, c, o.

    trace: a list each step appends its gates to, [i, f, activation(z_c), o] side by side."""
    act = get_activation(activation)
    rec_act = get_activation(recurrent_activation)
    units = recurrent_kernel.shape[0]

    def cell(x_t, states):
        h_prev, c_prev = states
        z = np.dot(x_t, kernel) + np.dot(h_prev, recurrent_kernel)
        if bias is not None:
            z = z + bias
        z_i, z_f, z_c, z_o = (z[:, k * units:(k + 1) * units] for k in range(4))
        i = rec_act(z_i)
        f = rec_act(z_f)
        g = act(z_c)
        c = f * c_prev + i * g
        o = rec_act(z_o)
        h = o * act(c)
        if trace is not None:
            trace.append(np.concatenate([i, f, g, o], axis=1))
        return h, [h, c]
    return cell


def gru(inputs, kernel, recurrent_kernel, bias=None, activation="tanh",
        recurrent_activation="sigmoid", reset_after=True,
        return_sequences=False, return_state=False, go_backwards=False,
        initial_state=None, mask=None, zero_output_for_mask=False, unroll=False):
    """Keras GRU; gate blocks in the order z (update), r (reset), h (candidate).

    reset_after=True (Keras 3 default), bias (2, 3*units) = [input, recurrent]:
        xz, xr, xh = x_t . kernel + bias[0]
        hz, hr, hh = h_{t-1} . recurrent_kernel + bias[1]
        z  = recurrent_activation(xz + hz)
        r  = recurrent_activation(xr + hr)
        h~ = activation(xh + r * hh)
    reset_after=False, bias (3*units,):
        xz, xr, xh = x_t . kernel + bias
        z  = recurrent_activation(xz + h_{t-1} . R_z)
        r  = recurrent_activation(xr + h_{t-1} . R_r)
        h~ = activation(xh + (r * h_{t-1}) . R_h)
    then
        h_t = z * h_{t-1} + (1 - z) * h~

    State [h]; output h_t.
    """
    x, kernel, recurrent_kernel, bias = _in_input_dtype(inputs, kernel, recurrent_kernel, bias)
    cell = gru_cell(kernel, recurrent_kernel, bias, activation, recurrent_activation, reset_after)
    units = recurrent_kernel.shape[0]
    states = _initial_states(initial_state, x.shape[0], units, 1, x.dtype)
    return _run(cell, x, states, return_sequences, return_state, go_backwards,
                mask, zero_output_for_mask, unroll)


def gru_cell(kernel, recurrent_kernel, bias=None, activation="tanh", recurrent_activation="sigmoid",
             reset_after=True, trace=None):
    """Keras GRUCell's step, `cell(x_t, [h]) -> (h_t, [h_t])`, gate blocks z, r, h (see gru).

    trace: a list each step appends its gates to, [z, r, h~] side by side."""
    act = get_activation(activation)
    rec_act = get_activation(recurrent_activation)
    units = recurrent_kernel.shape[0]
    if bias is not None:
        expected = (2, 3 * units) if reset_after else (3 * units,)
        if bias.shape != expected:
            raise ValueError(f"GRU reset_after={reset_after} needs bias {expected}, got {bias.shape}")
    input_bias = None if bias is None else (bias[0] if reset_after else bias)
    recurrent_bias = None if bias is None or not reset_after else bias[1]

    def split(m):
        return m[:, :units], m[:, units:2 * units], m[:, 2 * units:]

    def cell(x_t, states):
        h_prev = states[0]
        mx = np.dot(x_t, kernel)
        if input_bias is not None:
            mx = mx + input_bias
        x_z, x_r, x_h = split(mx)
        if reset_after:
            mh = np.dot(h_prev, recurrent_kernel)
            if recurrent_bias is not None:
                mh = mh + recurrent_bias
            h_z, h_r, h_h = split(mh)
            z = rec_act(x_z + h_z)
            r = rec_act(x_r + h_r)
            hh = act(x_h + r * h_h)
        else:
            z = rec_act(x_z + np.dot(h_prev, recurrent_kernel[:, :units]))
            r = rec_act(x_r + np.dot(h_prev, recurrent_kernel[:, units:2 * units]))
            hh = act(x_h + np.dot(r * h_prev, recurrent_kernel[:, 2 * units:]))
        h = z * h_prev + (np.array(1.0, h_prev.dtype) - z) * hh
        if trace is not None:
            trace.append(np.concatenate([z, r, hh], axis=1))
        return h, [h]
    return cell
