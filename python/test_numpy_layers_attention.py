"""Checks numpy_layers.attention against Keras's own test values
(keras/src/layers/attention/attention_test.py, additive_attention_test.py) and
against the formula computed independently in float64 loops.

Run: python3 -m unittest discover -s python -p 'test_*.py'   (from the repo root)
"""
import math
import os
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from numpy_layers import REGISTRY  # noqa: E402

ATT = REGISTRY["Attention"]
ADD = REGISTRY["AdditiveAttention"]

QUERY = np.array([[[1.0, 0.0], [0.0, 1.0]]], np.float32)
KEY = np.array([[[0.0, 1.0], [1.0, 0.0]]], np.float32)
VALUE = np.array([[[1.0, 2.0], [3.0, 4.0]]], np.float32)


def reference(q, v, k, score, q_mask=None, v_mask=None, causal=False):
    """One batch item in float64 loops: score, mask by -1e9, softmax, weighted sum, query mask."""
    tq, tv, dv = q.shape[0], v.shape[0], v.shape[1]
    out = [[0.0] * dv for _ in range(tq)]
    for i in range(tq):
        s = [score(q[i], k[j]) - (1e9 if (v_mask is not None and not v_mask[j]) or (causal and j > i) else 0.0) for j in range(tv)]
        m = max(s)
        e = [math.exp(z - m) for z in s]
        total = sum(e)
        for j in range(tv):
            for d in range(dv):
                out[i][d] += e[j] / total * float(v[j, d])
        if q_mask is not None and not q_mask[i]:
            out[i] = [0.0] * dv
    return np.array(out)


class AttentionTest(unittest.TestCase):
    def test_keras_correctness_dot(self):
        (out, scores), _ = ATT.call({"score_mode": "dot"}, [], [QUERY, VALUE, KEY], [None] * 3, return_attention_scores=True)
        np.testing.assert_allclose(out, [[[2.462, 3.462], [1.538, 2.538]]], atol=1e-3)
        np.testing.assert_allclose(scores, [[[0.269, 0.731], [0.731, 0.269]]], atol=1e-3)

    def test_keras_correctness_concat(self):
        (out, scores), _ = ATT.call({"score_mode": "concat"}, [np.float32(1)], [QUERY, VALUE, KEY], [None] * 3,
                                    return_attention_scores=True)
        np.testing.assert_allclose(out, [[[1.727, 2.727], [2.272, 3.272]]], atol=1e-3)
        np.testing.assert_allclose(scores, [[[0.636, 0.363], [0.363, 0.636]]], atol=1e-3)

    def test_keras_with_mask(self):
        value = np.ones((1, 2, 2), np.float32)
        mask = np.array([[True, False]])
        (out, scores), masks = ATT.call({}, [], [QUERY, value], [mask, mask], return_attention_scores=True)
        np.testing.assert_allclose(out, [[[1.0, 1.0], [0.0, 0.0]]])
        np.testing.assert_allclose(scores, [[[1.0, 0.0], [1.0, 0.0]]])
        self.assertIs(masks[0], mask)
        self.assertIsNone(masks[1])

    def test_formula_with_scale_masks_and_causal_mask(self):
        rng = np.random.default_rng(3)
        q = rng.uniform(-1, 1, (2, 4, 3)).astype(np.float32)
        v = rng.uniform(-1, 1, (2, 5, 2)).astype(np.float32)
        k = rng.uniform(-1, 1, (2, 5, 3)).astype(np.float32)
        q_mask = np.array([[1, 1, 1, 0], [1, 1, 1, 1]], bool)
        v_mask = np.array([[1, 1, 1, 1, 0], [1, 1, 0, 0, 0]], bool)
        scale = np.float32(0.7)
        (out,), _ = ATT.call({"use_scale": True}, [scale], [q, v, k], [q_mask, v_mask, None], use_causal_mask=True)
        for b in range(2):
            want = reference(q[b], v[b], k[b], lambda a, c: float(scale) * float(np.dot(a.astype(np.float64), c)),
                             q_mask[b], v_mask[b], causal=True)
            np.testing.assert_allclose(out[b], want, atol=2e-6)


class AdditiveAttentionTest(unittest.TestCase):
    def test_keras_correctness(self):
        (out, scores), _ = ADD.call({"use_scale": False}, [], [QUERY, VALUE, KEY], [None] * 3, return_attention_scores=True)
        np.testing.assert_allclose(out, [[[1.727, 2.727], [2.272, 3.272]]], atol=1e-3)
        np.testing.assert_allclose(scores, [[[0.636, 0.363], [0.363, 0.636]]], atol=1e-3)

    def test_formula_with_scale_vector(self):
        rng = np.random.default_rng(4)
        q = rng.uniform(-1, 1, (1, 3, 4)).astype(np.float32)
        v = rng.uniform(-1, 1, (1, 5, 4)).astype(np.float32)
        scale = rng.uniform(-1, 1, 4).astype(np.float32)
        self.assertEqual(ADD.weight_shapes({}, [[None, 3, 4], [None, 5, 4]]), [("scale", (4,))])
        (out,), _ = ADD.call({}, [scale], [q, v], [None, None])
        want = reference(q[0], v[0], v[0], lambda a, c: sum(float(scale[d]) * math.tanh(float(a[d]) + float(c[d])) for d in range(4)))
        np.testing.assert_allclose(out[0], want, atol=2e-6)


if __name__ == "__main__":
    unittest.main()


MHA = REGISTRY["MultiHeadAttention"]


class MultiHeadAttentionTest(unittest.TestCase):
    def test_keras_test_correctness(self):
        # multi_head_attention_test.py test_correctness (without flash attention): identity kernels on
        # every head, zero biases, identity query and key, value = arange(64).reshape(8, 8) / 100.
        n = kd = 8
        query = np.identity(kd, dtype=np.float32)[None]
        value = (np.arange(kd * kd).reshape(1, kd, kd) / 100.0).astype(np.float32)
        kernel = np.repeat(np.identity(kd)[:, None, :], n, axis=1).astype(np.float32)
        bias = np.zeros((n, kd), np.float32)
        weights = [kernel, bias] * 3 + [kernel, np.zeros(kd, np.float32)]
        (out, scores), _ = MHA.call({"num_heads": n, "key_dim": kd}, weights, [query, value, query], [None] * 3,
                                    return_attention_scores=True)
        want = np.tile(np.array([2.406, 2.440, 2.473, 2.504, 2.535, 2.568, 2.602, 2.633])[None, :, None], (1, 1, kd))
        np.testing.assert_allclose(out, want, atol=1e-2)
        row = [[0.1187] * i + [0.1691] + [0.1187] * (7 - i) for i in range(8)]
        np.testing.assert_allclose(scores, np.tile(np.array(row)[None, None], (1, kd, 1, 1)), atol=1e-2)

    def test_formula_per_head_in_float64(self):
        rng = np.random.default_rng(5)
        n, kd, vd, out_dim = 2, 3, 4, 5
        query = rng.uniform(-1, 1, (1, 4, 6)).astype(np.float32)
        value = rng.uniform(-1, 1, (1, 5, 7)).astype(np.float32)
        config = {"num_heads": n, "key_dim": kd, "value_dim": vd, "output_shape": out_dim}
        shapes = MHA.weight_shapes(config, [[None, 4, 6], [None, 5, 7]])
        self.assertEqual([s for _, s in shapes], [(6, n, kd), (n, kd), (7, n, kd), (n, kd), (7, n, vd), (n, vd), (n, vd, out_dim), (out_dim,)])
        weights = [rng.uniform(-1, 1, s).astype(np.float32) for _, s in shapes]
        q_mask = np.array([[1, 1, 1, 0]], bool)
        v_mask = np.array([[1, 1, 0, 1, 1]], bool)
        (out,), masks = MHA.call(config, weights, [query, value], [q_mask, v_mask])
        wq, bq, wk, bk, wv, bv, wo, bo = (w.astype(np.float64) for w in weights)
        x, y = query[0].astype(np.float64), value[0].astype(np.float64)
        expected = np.tile(bo, (4, 1))
        for h in range(n):
            qh, kh, vh = x @ wq[:, h] + bq[h], y @ wk[:, h] + bk[h], y @ wv[:, h] + bv[h]
            for i in range(4):
                s = [float(qh[i] @ kh[j]) / math.sqrt(kd) for j in range(5)]
                keep = [bool(q_mask[0, i] and v_mask[0, j]) for j in range(5)]
                # Path of ops.dot_product_attention: a fully masked row attends uniformly.
                s = [z if kp else -1e30 for z, kp in zip(s, keep)] if any(keep) else [0.0] * 5
                m = max(s)
                e = [math.exp(z - m) for z in s]
                a = [z / sum(e) for z in e]
                expected[i] += sum(a[j] * vh[j] for j in range(5)) @ wo[h]
        np.testing.assert_allclose(out[0], expected, atol=1e-5)
        self.assertIs(masks[0], q_mask)
