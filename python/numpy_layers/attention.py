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
