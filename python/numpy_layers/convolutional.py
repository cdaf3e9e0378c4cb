"""Keras's Conv1D in NumPy, from the formula (keras/src/layers/convolutional/conv1d.py):

    y[n, t, f] = activation(bias[f] + sum_j sum_c xpad[n, t*s + j*d, g*C/G + c] * kernel[j, c, f])

with g = f // (filters / groups), xpad the input padded with zeros
('valid': none; 'same': XLA's split; 'causal': d*(k-1) before), kernel
(kernel_size, C/groups, filters), bias (filters,). No mask comes out.
"""
import numpy as np

from numpy_reference import get_activation

from . import _windows as w


class Conv1D:
    @staticmethod
    def _options(config):
        return (int(config["filters"]), w.one(config["kernel_size"], "kernel_size"),
                w.one(config.get("strides", 1), "strides"), (config.get("padding") or "valid").lower(),
                w.one(config.get("dilation_rate", 1), "dilation_rate"), int(config.get("groups", 1)))

    @staticmethod
    def weight_shapes(config, input_shapes):
        filters, k, _, _, _, groups = Conv1D._options(config)
        shape = input_shapes[0]
        channels = shape[1] if w.channels_first(config) else shape[-1]
        weights = [("kernel", (k, channels // groups, filters))]
        if config.get("use_bias", True):
            weights.append(("bias", (filters,)))
        return weights

    @staticmethod
    def output_shapes(config, input_shapes):
        filters, k, s, padding, d, _ = Conv1D._options(config)
        shape = input_shapes[0]
        if w.channels_first(config):
            return [[shape[0], filters, w.out_length(shape[2], d * (k - 1) + 1, s, padding)]]
        return [[shape[0], w.out_length(shape[1], d * (k - 1) + 1, s, padding), filters]]

    @staticmethod
    def call(config, weights, inputs, masks):
        filters, k, s, padding, d, groups = Conv1D._options(config)
        x = inputs[0]
        if w.channels_first(config):
            x = np.swapaxes(x, 1, 2)
        kernel = weights[0].astype(x.dtype)
        batch, length, channels = x.shape
        span = d * (k - 1) + 1
        before, after = w.pads(length, span, s, padding)
        xpad = np.pad(x, [(0, 0), (before, after), (0, 0)])
        out = w.out_length(length, span, s, padding)
        cg, fg = channels // groups, filters // groups
        y = np.zeros((batch, out, filters), x.dtype)
        for g in range(groups):
            xg = xpad[:, :, g * cg:(g + 1) * cg]
            for j in range(k):
                taps = xg[:, j * d: j * d + (out - 1) * s + 1: s, :]          # (batch, out, cg)
                y[:, :, g * fg:(g + 1) * fg] += taps @ kernel[j, :, g * fg:(g + 1) * fg]
        if config.get("use_bias", True):
            y = y + weights[1].astype(x.dtype)
        y = get_activation(config.get("activation") or "linear")(y).astype(x.dtype)
        if w.channels_first(config):
            y = np.swapaxes(y, 1, 2)
        return [np.ascontiguousarray(y)], [None]


@w.by_transpose()
class _ConvND:
    """Keras's Conv2D/Conv3D (channels_first by transposition, see _windows.by_transpose), from the same formula on every spatial axis:

        y[n, o, f] = activation(bias[f] + sum_j sum_c xpad[n, o*s + j*d, g*C/G + c] * kernel[j, c, f])

    with o and j multi-indices, kernel (k_1, ..., k_r, C/groups, filters), 'same' split as XLA per axis.
    """
    rank = None

    @classmethod
    def _options(cls, config):
        r = cls.rank
        return (int(config["filters"]), w.many(config["kernel_size"], r, "kernel_size"),
                w.many(config.get("strides", 1), r, "strides"), (config.get("padding") or "valid").lower(),
                w.many(config.get("dilation_rate", 1), r, "dilation_rate"), int(config.get("groups", 1)))

    @classmethod
    def weight_shapes(cls, config, input_shapes):
        filters, k, _, _, _, groups = cls._options(config)
        weights = [("kernel", (*k, input_shapes[0][-1] // groups, filters))]
        if config.get("use_bias", True):
            weights.append(("bias", (filters,)))
        return weights

    @classmethod
    def output_shapes(cls, config, input_shapes):
        filters, k, s, padding, d, _ = cls._options(config)
        shape = input_shapes[0]
        spatial = [w.out_length(shape[1 + a], d[a] * (k[a] - 1) + 1, s[a], padding) for a in range(cls.rank)]
        return [[shape[0], *spatial, filters]]

    @classmethod
    def call(cls, config, weights, inputs, masks):
        filters, k, s, padding, d, groups = cls._options(config)
        x = inputs[0]
        kernel = weights[0].astype(x.dtype)
        r = cls.rank
        size = x.shape[1:1 + r]
        spans = [d[a] * (k[a] - 1) + 1 for a in range(r)]
        pads = [w.pads(size[a], spans[a], s[a], padding) for a in range(r)]
        xpad = np.pad(x, [(0, 0), *pads, (0, 0)])
        out = [w.out_length(size[a], spans[a], s[a], padding) for a in range(r)]
        cg, fg = x.shape[-1] // groups, filters // groups
        y = np.zeros((x.shape[0], *out, filters), x.dtype)
        for g in range(groups):
            for j in np.ndindex(*k):
                window = tuple(slice(j[a] * d[a], j[a] * d[a] + (out[a] - 1) * s[a] + 1, s[a]) for a in range(r))
                taps = xpad[(slice(None), *window, slice(g * cg, (g + 1) * cg))]
                y[..., g * fg:(g + 1) * fg] += taps @ kernel[j][:, g * fg:(g + 1) * fg]
        if config.get("use_bias", True):
            y = y + weights[1].astype(x.dtype)
        y = get_activation(config.get("activation") or "linear")(y).astype(x.dtype)
        return [np.ascontiguousarray(y)], [None]


class Conv2D(_ConvND):
    rank = 2


class Conv3D(_ConvND):
    rank = 3


LAYERS = {"Conv1D": Conv1D, "Conv2D": Conv2D, "Convolution2D": Conv2D, "Conv3D": Conv3D, "Convolution3D": Conv3D}
