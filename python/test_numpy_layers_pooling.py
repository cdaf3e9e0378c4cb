"""numpy_layers.pooling against Keras's test set-ups (pooling/*_test.py:
np.arange(24).reshape((2, 3, 4)) and its masks) with the expected values
computed here from the formulas.

Run: python3 -m unittest discover -s python -p 'test_*.py'
"""
import os
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from numpy_layers import REGISTRY  # noqa: E402

X = np.arange(24, dtype=np.float32).reshape((2, 3, 4))


def windows(length, pool, stride, padding):
    """[(first, end)] of the real positions in each window, XLA's 'same' split."""
    if padding == "same":
        out = -(-length // stride)
        left = max((out - 1) * stride + pool - length, 0) // 2
    else:
        out, left = (length - pool) // stride + 1, 0
    return [(max(t * stride - left, 0), min(t * stride - left + pool, length)) for t in range(out)]


class PoolingTest(unittest.TestCase):
    def test_max_and_average(self):
        for name, reduce in (("MaxPooling1D", max), ("AveragePooling1D", lambda v: sum(v) / len(v))):
            for pool, stride, padding in ((2, 1, "valid"), (2, 1, "same"), (2, 2, "valid"), (2, 2, "same"), (3, 1, "same")):
                with self.subTest(layer=name, pool=pool, stride=stride, padding=padding):
                    config = dict(pool_size=pool, strides=stride, padding=padding)
                    (y,), (mask,) = REGISTRY[name].call(config, [], [X], [None])
                    spans = windows(3, pool, stride, padding)
                    expected = np.array([[[reduce([float(X[n, p, c]) for p in range(a, b)]) for c in range(4)]
                                          for a, b in spans] for n in range(2)])
                    np.testing.assert_allclose(y, expected, atol=1e-6)
                    self.assertEqual(list(y.shape[1:]), REGISTRY[name].output_shapes(config, [[None, 3, 4]])[0][1:])
                    self.assertIsNone(mask)

    def test_global_average_with_keras_test_mask(self):
        # global_average_pooling_test.py: mask [[1, 1, 0], [0, 1, 0]] over the 3 steps.
        mask = np.array([[1, 1, 0], [0, 1, 0]], bool)
        (y,), (out_mask,) = REGISTRY["GlobalAveragePooling1D"].call({}, [], [X], [mask])
        expected = [[(X[0, 0, c] + X[0, 1, c]) / 2 for c in range(4)], [X[1, 1, c] for c in range(4)]]
        np.testing.assert_allclose(y, expected)
        self.assertIsNone(out_mask)
        (y,), _ = REGISTRY["GlobalAveragePooling1D"].call({"keepdims": True}, [], [X], [None])
        np.testing.assert_allclose(y[:, 0, :], X.mean(axis=1))

    def test_global_max_ignores_the_mask(self):
        mask = np.array([[0, 1, 1], [1, 1, 0]], bool)
        (y,), (out_mask,) = REGISTRY["GlobalMaxPooling1D"].call({}, [], [X], [mask])
        np.testing.assert_array_equal(y, X[:, 2, :])
        self.assertIsNone(out_mask)


if __name__ == "__main__":
    unittest.main()
