"""NumPy versions of Keras's attention layers at inference (keras/src/layers/attention/).

Attention / AdditiveAttention on [query, value] or [query, value, key] (key
defaults to value); query (..., Tq, dim), value (..., Tv, dv), key (..., Tv, dim):
    scores  dot:       s = q @ k^T (* scale when use_scale)
            concat:    s[i, j] = concat_score_weight * sum_d tanh(scale * (q[i, d] + k[j, d]))
            additive:  s[i, j] = sum_d scale[d] * tanh(q[i, d] + k[j, d])   (scale = 1 without use_scale)
    keep    = value_mask[j] and (i >= j when use_causal_mask); elsewhere s - 1e9
    a       = softmax(s) over Tv;  out = a @ v;  out[i] = 0 where query_mask[i] is False
The output carries the query's mask; the key's mask is ignored (as in Keras).
Call arguments come as keywords: call(config, weights, inputs, masks,
use_causal_mask=False, return_attention_scores=False).
"""
import numpy as np


def _softmax(x):
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


class Attention:
    additive = False
    # mask=[query_mask, value_mask(, key_mask)]: Keras's _validate_inputs takes a list of 2 or 3;
    # a None entry means no mask for that input, whatever mask its tensor carries.
    mask_list_lengths = (2, 3)

    @classmethod
    def weight_shapes(cls, config, input_shapes):
        if cls.additive:
            return [("scale", (input_shapes[0][-1],))] if config.get("use_scale", True) else []
        weights = []
        if config.get("use_scale", False):
            weights.append(("scale", ()))
        if config.get("score_mode", "dot") == "concat":
            weights.append(("concat_score_weight", ()))
        return weights

    @classmethod
    def output_shapes(cls, config, input_shapes, return_attention_scores=False):
        q, v = input_shapes[0], input_shapes[1]
        k = input_shapes[2] if len(input_shapes) > 2 else v
        out = [list(q[:-1]) + [v[-1]]]
        if return_attention_scores:
            out.append(list(q[:-1]) + [k[-2]])
        return out

    @classmethod
    def _scores(cls, config, w, q, k):
        dtype = q.dtype
        if cls.additive:
            terms = np.tanh(q[..., :, None, :] + k[..., None, :, :])
            if "scale" in w:
                terms = w["scale"] * terms
            return np.sum(terms, axis=-1)
        if config.get("score_mode", "dot") == "dot":
            s = np.matmul(q, np.swapaxes(k, -2, -1))
            return s * w["scale"] if "scale" in w else s
        summed = q[..., :, None, :] + k[..., None, :, :]
        if "scale" in w:
            summed = w["scale"] * summed
        return (w["concat_score_weight"] * np.sum(np.tanh(summed), axis=-1)).astype(dtype)

    @classmethod
    def call(cls, config, weights, inputs, masks, use_causal_mask=False, return_attention_scores=False):
        if len(inputs) not in (2, 3):
            raise ValueError(f"{cls.__name__}: expected [query, value] or [query, value, key]")
        q, v = inputs[0], inputs[1]
        k = inputs[2] if len(inputs) > 2 else v
        masks = list(masks or []) + [None] * 3
        q_mask, v_mask = masks[0], masks[1]
        names = [n for n, _ in cls.weight_shapes(config, [q.shape, v.shape, k.shape])]
        w = {n: np.asarray(x, q.dtype) for n, x in zip(names, weights)}
        s = cls._scores(config, w, q, k).astype(q.dtype)
        tq, tv = s.shape[-2], s.shape[-1]
        keep = np.ones(s.shape, bool)
        if v_mask is not None:
            keep &= np.asarray(v_mask, bool)[:, None, :]
        if use_causal_mask:
            keep &= np.tril(np.ones((tq, tv), bool))
        if v_mask is not None or use_causal_mask:
            s = np.where(keep, s, s - np.array(1e9, s.dtype))
        a = _softmax(s)
        out = np.matmul(a, v).astype(q.dtype)
        if q_mask is not None:
            out = np.where(np.asarray(q_mask, bool)[..., None], out, np.array(0, out.dtype))
        outputs = [out, a] if return_attention_scores else [out]
        out_masks = [q_mask] + [None] * (len(outputs) - 1)
        return outputs, out_masks


class AdditiveAttention(Attention):
    additive = True


LAYERS = {"Attention": Attention, "AdditiveAttention": AdditiveAttention}


class MultiHeadAttention:
    """Keras's MultiHeadAttention on (batch, steps, features) inputs, attention over the steps.

    Weights (EinsumDense sub-layers query, key, value, attention_output):
        Wq (dq, N, kd), bq (N, kd), Wk (dk, N, kd), bk, Wv (dv, N, vd), bv (N, vd),
        Wo (N, vd, out), bo (out,)   (no biases without use_bias)
    Q = einsum("btc,cnd->btnd", query, Wq) + bq, likewise K, V;
    keep[b, i, j] = query_mask[b, i] & value_mask[b, j] & key_mask[b, j]
                    (& i >= j with use_causal_mask) (& |i - j| < sliding_window)
    Two paths, as Keras 3 takes them (they differ on fully masked rows):
      dropout == 0 and no scores returned (ops.dot_product_attention):
          s = (Q . K) * (1/sqrt(kd)); s[~keep] = -0.7 * 3.38953e38; a = softmax(s)
      otherwise (the Softmax layer with a mask):
          s = (Q / sqrt(kd)) . K; s[~keep] = -1e9; a = softmax(s); a[~keep] = 0
    O = einsum("bnts,bsnd->btnd", a, V); out = einsum("btnd,nde->bte", O, Wo) + bo.
    Scores returned as (batch, heads, Tq, Tv). The output carries the query's mask.
    Masks (Keras 3.15.1's call): the query's own mask, always (an explicit query_mask= is
    ignored); value_mask= / key_mask= when given, else the value's / key's own masks (Keras
    fills {argument}_mask for calls with several tensor arguments).
    """
    mask_style = "per_argument"
    # Keras 3.15.1's call runs set_keras_mask(query/value/key, None) on the tensors themselves.
    deletes_input_masks = True
    call_keywords = ("query", "value", "key")
    mask_keywords = ("query_mask", "value_mask", "key_mask")

    @staticmethod
    def _dims(config):
        kd = config["key_dim"]
        return config["num_heads"], kd, config.get("value_dim") or kd

    @staticmethod
    def _out(config, input_shapes):
        out = config.get("output_shape")
        if out is None:
            return input_shapes[0][-1]
        return out if isinstance(out, int) else out[0]

    @staticmethod
    def weight_shapes(config, input_shapes):
        n, kd, vd = MultiHeadAttention._dims(config)
        q, v = input_shapes[0], input_shapes[1]
        k = input_shapes[2] if len(input_shapes) > 2 else v
        out = MultiHeadAttention._out(config, input_shapes)
        bias = config.get("use_bias", True)
        shapes = []
        for name, dim, width in (("query", q[-1], kd), ("key", k[-1], kd), ("value", v[-1], vd)):
            shapes.append((f"{name}/kernel", (dim, n, width)))
            if bias:
                shapes.append((f"{name}/bias", (n, width)))
        shapes.append(("attention_output/kernel", (n, vd, out)))
        if bias:
            shapes.append(("attention_output/bias", (out,)))
        return shapes

    @staticmethod
    def output_shapes(config, input_shapes, return_attention_scores=False):
        q = input_shapes[0]
        out = [[q[0], q[1], MultiHeadAttention._out(config, input_shapes)]]
        if return_attention_scores:
            out.append([q[0], config["num_heads"], q[1], q[1]])  # Keras's symbolic shape uses Tq twice
        return out

    @staticmethod
    def call(config, weights, inputs, masks, use_causal_mask=False, return_attention_scores=False):
        query, value = inputs[0], inputs[1]
        key = inputs[2] if len(inputs) > 2 else value
        dtype = query.dtype
        masks = list(masks or []) + [None] * 3
        q_mask, v_mask = masks[0], masks[1]
        k_mask = masks[2] if len(inputs) > 2 else None
        n, kd, vd = MultiHeadAttention._dims(config)
        names = [nm for nm, _ in MultiHeadAttention.weight_shapes(config, [query.shape, value.shape, key.shape])]
        w = {nm: np.asarray(x, dtype) for nm, x in zip(names, weights)}

        def project(x, name):
            y = np.einsum("btc,cnd->btnd", x, w[f"{name}/kernel"])
            return y + w[f"{name}/bias"] if f"{name}/bias" in w else y

        q, k, v = project(query, "query"), project(key, "key"), project(value, "value")
        b, tq, tv = query.shape[0], query.shape[1], value.shape[1]
        keep = np.ones((b, tq, tv), bool)
        masked = False
        if q_mask is not None:
            keep &= np.asarray(q_mask, bool)[:, :, None]
            masked = True
        for m in (v_mask, k_mask):
            if m is not None:
                keep &= np.asarray(m, bool)[:, None, :]
                masked = True
        i, j = np.arange(tq)[:, None], np.arange(tv)[None, :]
        if use_causal_mask:
            keep &= i >= j
            masked = True
        if config.get("sliding_window"):
            keep &= np.abs(i - j) < config["sliding_window"]
            masked = True
        keep = keep[:, None, :, :]
        scale = np.array(1.0 / np.sqrt(float(kd)), dtype)
        if config.get("dropout", 0.0) <= 0.0 and not return_attention_scores:
            s = np.einsum("btnd,bsnd->bnts", q, k) * scale
            if masked:
                s = np.where(keep, s, np.array(3.38953e38 * -0.7, dtype))
            a = _softmax(s)
        else:
            s = np.einsum("btnd,bsnd->bnts", q * scale, k)
            if masked:
                s = np.where(keep, s, np.array(-1e9, dtype))
            a = _softmax(s)
            if masked:
                a = np.where(keep, a, np.array(0, dtype))
        o = np.einsum("bnts,bsnd->btnd", a, v)
        out = np.einsum("btnd,nde->bte", o, w["attention_output/kernel"])
        if "attention_output/bias" in w:
            out = out + w["attention_output/bias"]
        out = out.astype(dtype)
        outputs = [out, a.astype(dtype)] if return_attention_scores else [out]
        return outputs, [q_mask] + [None] * (len(outputs) - 1)


LAYERS["MultiHeadAttention"] = MultiHeadAttention
