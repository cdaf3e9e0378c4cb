"""numpy_layers.rnn (ConvLSTM1D) against Keras's literal values
(keras/src/layers/rnn/conv_lstm1d_test.py test_correctness) and against a
scalar loop over the cell's equations on seeded weights.

Run: python3 -m unittest discover -s python -p 'test_*.py'
"""
import math
import os
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from numpy_layers import REGISTRY  # noqa: E402

LAYER = REGISTRY["ConvLSTM1D"]


class ConvLSTM1DTest(unittest.TestCase):
    def test_keras_correctness_literals(self):
        x = np.arange(120).reshape((2, 3, 4, 5)).astype("float32") / 10
        config = {"filters": 2, "kernel_size": 3}
        shapes = [s for _, s in LAYER.weight_shapes(config, [[None, 3, 4, 5]])]
        bias = np.full(shapes[2], 0.03, np.float32)
        bias[2:4] = 1.0          # unit_forget_bias
        weights = [np.full(shapes[0], 0.01, np.float32), np.full(shapes[1], 0.02, np.float32), bias]
        (y,), _ = LAYER.call(config, weights, [x], [None])
        np.testing.assert_allclose(y, [[[0.40807986, 0.40807986], [0.46421072, 0.46421072]],
                                       [[0.80933154, 0.80933154], [0.8233646, 0.8233646]]], atol=1e-6)

    def test_against_scalar_loop(self):
        rng = np.random.default_rng(5)
        x = rng.uniform(-1, 1, (2, 4, 6, 2)).astype(np.float32)
        mask = np.array([[1, 0, 1, 1], [1, 1, 0, 0]], bool)
        config = {"filters": 3, "kernel_size": 3, "padding": "same", "strides": 2, "return_sequences": True,
                  "return_state": True, "go_backwards": True}
        weights = [rng.uniform(-0.5, 0.5, s).astype(np.float32) for _, s in LAYER.weight_shapes(config, [[None, 4, 6, 2]])]
        (seq, h_out, c_out), (out_mask, _, _) = LAYER.call(config, weights, [x], [mask])
        sig = lambda v: 1 / (1 + math.exp(-v))  # noqa: E731
        k, f, rows, out_rows = 3, 3, 6, 3
        left = max((out_rows - 1) * 2 + k - rows, 0) // 2
        for n in range(2):
            h, c = np.zeros((out_rows, f)), np.zeros((out_rows, f))
            for s, t in enumerate(range(3, -1, -1)):
                hn, cn = np.zeros_like(h), np.zeros_like(c)
                for r in range(out_rows):
                    z = [float(weights[2][g]) for g in range(4 * f)]
                    for g in range(4 * f):
                        for j in range(k):
                            p = r * 2 + j - left
                            if 0 <= p < rows:
                                z[g] += sum(float(x[n, t, p, ch]) * float(weights[0][j, ch, g]) for ch in range(2))
                            q = r + j - (k - 1) // 2
                            if 0 <= q < out_rows:
                                z[g] += sum(h[q, u] * float(weights[1][j, u, g]) for u in range(f))
                    for u in range(f):
                        cn[r, u] = sig(z[f + u]) * c[r, u] + sig(z[u]) * math.tanh(z[2 * f + u])
                        hn[r, u] = sig(z[3 * f + u]) * math.tanh(cn[r, u])
                if mask[n, t]:
                    h, c = hn, cn
                np.testing.assert_allclose(seq[n, s], h, atol=2e-6)
            np.testing.assert_allclose(h_out[n], h, atol=2e-6)
            np.testing.assert_allclose(c_out[n], c, atol=2e-6)
        np.testing.assert_array_equal(out_mask, mask)
        self.assertEqual(LAYER.output_shapes(config, [[None, 4, 6, 2]]), [[None, 4, 3, 3], [None, 3, 3], [None, 3, 3]])


if __name__ == "__main__":
    unittest.main()
