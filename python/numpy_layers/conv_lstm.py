"""Keras's ConvLSTM1D/2D/3D in NumPy (keras/src/layers/rnn/conv_lstm.py), registered by rnn.py.

ConvLSTM1D: inputs (batch, time, rows, channels); ConvLSTM2D/3D the same with
(rows, cols) / (dim1, dim2, dim3) frames and N-d convolutions (channels_first: frames (channels, ...) by transposition, _windows.by_transpose); per step
    z = conv1d(x_t, kernel; strides, padding, dilation) + bias + conv1d(h, recurrent_kernel; 'same')
    i, f, o = sigmoid(z_i, z_f, z_o); c = f * c + i * tanh(z_c); h = o * tanh(c)
(activations configurable), gate blocks i, f, c, o along the last axis of
kernel (k, channels, 4F), recurrent_kernel (k, F, 4F), bias (4F). Keras's RNN
loop: go_backwards walks from the last step and keeps that order; a masked
step keeps the states and outputs the previous h (zeros with
zero_output_for_mask); the mask passes on with return_sequences only.
"""
import numpy as np

from numpy_reference import get_activation

from . import _windows as w
from .convolutional import Conv1D, Conv2D, Conv3D


@w.by_transpose(leading=2)
class ConvLSTM1D:
    rank = 1
    conv = Conv1D

    @classmethod
    def _conv(cls, x, kernel, strides, padding, dilation):
        config = {"filters": kernel.shape[-1], "kernel_size": list(kernel.shape[:cls.rank]), "strides": strides,
                  "padding": padding, "dilation_rate": dilation, "use_bias": False}
        (y,), _ = cls.conv.call(config, [kernel], [x], [None])
        return y

    @classmethod
    def weight_shapes(cls, config, input_shapes):
        k, f = w.many(config["kernel_size"], cls.rank, "kernel_size"), int(config["filters"])
        channels = input_shapes[0][-1]
        # The variables belong to the layer's ConvLSTMCell, which Keras names "conv_lstm_cell".
        weights = [("conv_lstm_cell/kernel", (*k, channels, 4 * f)), ("conv_lstm_cell/recurrent_kernel", (*k, f, 4 * f))]
        if config.get("use_bias", True):
            weights.append(("conv_lstm_cell/bias", (4 * f,)))
        return weights

    @classmethod
    def output_shapes(cls, config, input_shapes):
        shape = input_shapes[0]
        batch, steps, spatial = shape[0], shape[1], shape[2:2 + cls.rank]
        k, f = w.many(config["kernel_size"], cls.rank, "kernel_size"), int(config["filters"])
        d = w.many(config.get("dilation_rate", 1), cls.rank, "dilation_rate")
        s = w.many(config.get("strides", 1), cls.rank, "strides")
        padding = (config.get("padding") or "valid").lower()
        out = [w.out_length(spatial[a], d[a] * (k[a] - 1) + 1, s[a], padding) for a in range(cls.rank)]
        shapes = [[batch, steps, *out, f] if config.get("return_sequences") else [batch, *out, f]]
        if config.get("return_state"):
            shapes += [[batch, *out, f], [batch, *out, f]]
        return shapes

    @classmethod
    def call(cls, config, weights, inputs, masks, state=None):
        """state: the stateful-run dict Bidirectional passes on; unused (stateful is not supported yet)."""
        if config.get("stateful"):
            raise NotImplementedError(f"{cls.__name__}: stateful=True is not supported yet")
        x = inputs[0]
        f = int(config["filters"])
        strides = w.many(config.get("strides", 1), cls.rank, "strides")
        dilation = w.many(config.get("dilation_rate", 1), cls.rank, "dilation_rate")
        padding = (config.get("padding") or "valid").lower()
        act = get_activation(config.get("activation") or "tanh")
        rec = get_activation(config.get("recurrent_activation") or "sigmoid")
        kernel, recurrent = weights[0].astype(x.dtype), weights[1].astype(x.dtype)
        bias = weights[2].astype(x.dtype) if config.get("use_bias", True) else np.zeros(4 * f, x.dtype)
        batch, steps = x.shape[:2]
        mask = masks[0] if masks else None
        zx = [cls._conv(x[:, t], kernel, strides, padding, dilation) + bias for t in range(steps)]
        h = np.zeros_like(zx[0][..., :f])
        c = np.zeros_like(h)
        if len(inputs) == 3:
            h, c = inputs[1].astype(x.dtype), inputs[2].astype(x.dtype)
        outputs = []
        order = range(steps - 1, -1, -1) if config.get("go_backwards") else range(steps)
        for t in order:
            z = zx[t] + cls._conv(h, recurrent, [1] * cls.rank, "same", [1] * cls.rank)
            i, fg, g, o = (z[..., q * f:(q + 1) * f] for q in range(4))
            c_new = rec(fg) * c + rec(i) * act(g)
            h_new = rec(o) * act(c_new)
            if mask is None:
                h, c, out = h_new, c_new, h_new
            else:
                kept = np.asarray(mask, bool)[:, t].reshape((-1,) + (1,) * (h.ndim - 1))
                out = np.where(kept, h_new, 0 if config.get("zero_output_for_mask") else h)
                h, c = np.where(kept, h_new, h), np.where(kept, c_new, c)
            outputs.append(out.astype(x.dtype))
        y = np.stack(outputs, axis=1) if config.get("return_sequences") else outputs[-1]
        results = [np.ascontiguousarray(y)]
        out_masks = [mask if config.get("return_sequences") else None]
        if config.get("return_state"):
            results += [h.astype(x.dtype), c.astype(x.dtype)]
            out_masks += [None, None]
        return results, out_masks




class ConvLSTM2D(ConvLSTM1D):
    rank = 2
    conv = Conv2D


class ConvLSTM3D(ConvLSTM1D):
    rank = 3
    conv = Conv3D
