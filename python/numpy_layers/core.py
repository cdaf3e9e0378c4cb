"""Keras 3 core layers in NumPy: InputLayer, Dense, Embedding, Masking.

Semantics from keras/src/layers/core/ (Keras 3.15.1):
  * Dense: matmul(x, kernel) + bias, then the activation, over the last axis of any rank;
    supports_masking = True, so the input mask passes on unchanged.
  * Embedding: float ids are cast to int32 first (truncation, as ops.cast does), then
    take(embeddings, ids, axis=0); the output mask is inputs != 0 (the inputs as given, so an
    id of 0.5 is kept yet reads row 0) with mask_zero, else None (supports_masking = mask_zero:
    an incoming mask is dropped).
  * Masking: a step whose features all equal mask_value is masked and zeroed;
    mask = any(x != mask_value, axis=-1).
"""
import numpy as np

import numpy_reference


def _shape(input_shapes):
    return list(input_shapes[0])


class InputLayer:
    """keras.Input: the model input itself (batch_shape in Keras 3, batch_input_shape in Keras 2)."""

    @staticmethod
    def batch_shape(config):
        for key in ("batch_shape", "batch_input_shape"):
            if isinstance(config.get(key), list):
                return list(config[key])
        raise ValueError("InputLayer needs batch_shape (Keras 3) or batch_input_shape (Keras 2)")

    @staticmethod
    def weight_shapes(config, input_shapes):
        return []

    @staticmethod
    def output_shapes(config, input_shapes):
        return [InputLayer.batch_shape(config)]

    @staticmethod
    def call(config, weights, inputs, masks):
        return [inputs[0]], [masks[0] if masks else None]


class Dense:
    """y = activation(x . kernel + bias); kernel (input_dim, units), bias (units,)."""

    @staticmethod
    def weight_shapes(config, input_shapes):
        shapes = [("kernel", (input_shapes[0][-1], config["units"]))]
        if config.get("use_bias", True):
            shapes.append(("bias", (config["units"],)))
        return shapes

    @staticmethod
    def output_shapes(config, input_shapes):
        return [_shape(input_shapes)[:-1] + [config["units"]]]

    @staticmethod
    def call(config, weights, inputs, masks):
        x = inputs[0]
        y = np.matmul(x, weights[0].astype(x.dtype))
        if len(weights) > 1:
            y = y + weights[1].astype(x.dtype)
        y = numpy_reference.get_activation(config.get("activation", "linear"))(y)
        return [y], [masks[0]]


class Embedding:
    """y[..., :] = embeddings[int32(ids)]; embeddings (input_dim, output_dim)."""

    @staticmethod
    def weight_shapes(config, input_shapes):
        return [("embeddings", (config["input_dim"], config["output_dim"]))]

    @staticmethod
    def output_shapes(config, input_shapes):
        return [_shape(input_shapes) + [config["output_dim"]]]

    @staticmethod
    def call(config, weights, inputs, masks):
        ids = inputs[0]
        # compute_mask compares the inputs as given (not_equal(inputs, 0)), before call's cast.
        mask = ids != 0 if config.get("mask_zero", False) else None
        if ids.dtype not in (np.int32, np.int64):
            ids = ids.astype(np.int32)
        table = weights[0]
        bad = (ids < 0) | (ids >= table.shape[0])
        if bad.any():
            raise ValueError(f"ids must lie in [0, input_dim={table.shape[0]}); got {ids[bad].ravel()[0]}")
        out = np.take(table, ids, axis=0).astype(np.float32)
        return [out], [mask]


class Masking:
    """mask = any(x != mask_value, axis=-1); y = where(mask, x, 0)."""

    @staticmethod
    def weight_shapes(config, input_shapes):
        return []

    @staticmethod
    def output_shapes(config, input_shapes):
        return [_shape(input_shapes)]

    @staticmethod
    def call(config, weights, inputs, masks):
        x = inputs[0]
        keep = np.any(x != np.asarray(config.get("mask_value", 0.0), x.dtype), axis=-1)
        return [np.where(keep[..., np.newaxis], x, np.zeros((), x.dtype))], [keep]


LAYERS = {"InputLayer": InputLayer, "Dense": Dense, "Embedding": Embedding, "Masking": Masking}
