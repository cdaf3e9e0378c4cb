"""NumPy versions of Keras's normalisation layers at inference (keras/src/layers/normalization/).

Computed in the inputs' dtype, in the order Keras 3's NumPy backend uses
(ops.layer_normalization, backend/numpy/nn.py moments and batch_normalization),
so that float32 results can be compared bit for bit:

LayerNormalization, over the sorted axes A (each group of one example):
    mean = mean(x, A);  var = mean(x**2, A) - mean**2
    inv = 1 / sqrt(var + eps) * gamma;  y = x * inv + (-mean * inv + beta)
  rms_scaling (deprecated in Keras 3; scales by the variance, not the RMS):
    y = x / sqrt(var(x, A) + eps) * gamma
BatchNormalization at inference, per channel of `axis`:
    inv = 1 / sqrt(moving_variance + eps) * gamma
    y = x * inv + (-moving_mean * inv + beta)
Both pass the mask on unchanged.
"""
import numpy as np


def _axes(config, rank):
    axis = config.get("axis", -1)
    axes = [axis] if isinstance(axis, int) else list(axis)
    axes = sorted(a + rank if a < 0 else a for a in axes)
    if len(set(axes)) != len(axes) or any(a < 0 or a >= rank for a in axes):
        raise ValueError(f"LayerNormalization: bad axis {config.get('axis')} for rank {rank}")
    return axes


class LayerNormalization:
    @staticmethod
    def weight_shapes(config, input_shapes):
        shape = input_shapes[0]
        axes = _axes(config, len(shape))
        wshape = tuple(shape[a] for a in axes)
        rms = config.get("rms_scaling", False)
        weights = []
        if config.get("scale", True) or rms:
            weights.append(("gamma", wshape))
        if config.get("center", True) and not rms:
            weights.append(("beta", wshape))
        return weights

    @staticmethod
    def output_shapes(config, input_shapes):
        _axes(config, len(input_shapes[0]))
        return [list(input_shapes[0])]

    @staticmethod
    def call(config, weights, inputs, masks):
        x = inputs[0]
        axes = tuple(_axes(config, x.ndim))
        dtype = x.dtype
        eps = config.get("epsilon", 1e-3)
        names = [n for n, _ in LayerNormalization.weight_shapes(config, [x.shape])]
        w = dict(zip(names, weights))
        # Weights are shaped as the normalised axes; put them in place for broadcasting.
        bshape = [x.shape[d] if d in axes else 1 for d in range(x.ndim)]
        gamma = w["gamma"].astype(dtype).reshape(bshape) if "gamma" in w else None
        beta = w["beta"].astype(dtype).reshape(bshape) if "beta" in w else None
        if config.get("rms_scaling", False):
            var = np.var(x, axis=axes, keepdims=True)
            y = x * (np.array(1.0, dtype) / np.sqrt(var + np.array(eps, dtype)))
            if gamma is not None:
                y = y * gamma
        else:
            mean = np.mean(x, axis=axes, keepdims=True)
            var = np.mean(np.square(x), axis=axes, keepdims=True) - np.square(mean)
            inv = np.array(1.0, dtype) / np.sqrt(var + np.array(eps, dtype))
            if gamma is not None:
                inv = inv * gamma
            res = -mean * inv
            if beta is not None:
                res = res + beta
            y = x * inv + res
        return [y.astype(dtype)], [masks[0] if masks else None]


class BatchNormalization:
    @staticmethod
    def _axis(config, rank):
        axis = config.get("axis", -1)
        if isinstance(axis, list):
            if len(axis) != 1:
                raise ValueError("BatchNormalization: one axis expected")
            axis = axis[0]
        axis = axis + rank if axis < 0 else axis
        if not 0 <= axis < rank:
            raise ValueError(f"BatchNormalization: axis {config.get('axis')} out of bounds for rank {rank}")
        return axis

    @staticmethod
    def non_trainable_weights(config):
        """Keras's BatchNormalization keeps its statistics (and renorm's) out of training."""
        return ["moving_mean", "moving_variance", "moving_stddev", "renorm_mean", "renorm_stddev"]

    @staticmethod
    def weight_shapes(config, input_shapes):
        shape = input_shapes[0]
        channels = (shape[BatchNormalization._axis(config, len(shape))],)
        weights = []
        if config.get("scale", True):
            weights.append(("gamma", channels))
        if config.get("center", True):
            weights.append(("beta", channels))
        weights += [("moving_mean", channels), ("moving_variance", channels)]
        if config.get("renorm", False):
            weights += [("moving_stddev", channels), ("renorm_mean", channels), ("renorm_stddev", channels)]
        return weights

    @staticmethod
    def output_shapes(config, input_shapes):
        BatchNormalization._axis(config, len(input_shapes[0]))
        return [list(input_shapes[0])]

    @staticmethod
    def call(config, weights, inputs, masks):
        x = inputs[0]
        dtype = x.dtype
        axis = BatchNormalization._axis(config, x.ndim)
        names = [n for n, _ in BatchNormalization.weight_shapes(config, [x.shape])]
        w = {n: v.astype(dtype) for n, v in zip(names, weights)}
        inv = np.array(1.0, dtype) / np.sqrt(w["moving_variance"] + np.array(config.get("epsilon", 1e-3), dtype))
        if "gamma" in w:
            inv = inv * w["gamma"]
        res = -w["moving_mean"] * inv
        if "beta" in w:
            res = res + w["beta"]
        bshape = [1] * x.ndim
        bshape[axis] = x.shape[axis]
        y = x * inv.reshape(bshape) + res.reshape(bshape)
        return [y.astype(dtype)], [masks[0] if masks else None]


LAYERS = {"LayerNormalization": LayerNormalization, "BatchNormalization": BatchNormalization}
