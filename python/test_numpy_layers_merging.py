"""numpy_layers.merging against the literal values of Keras's
keras/src/layers/merging/merging_test.py (test_*_with_mask) and batch_dot /
broadcasting formulas written here.

Run: python3 -m unittest discover -s python -p 'test_*.py'
"""
import os
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from numpy_layers import REGISTRY  # noqa: E402


def masked(values):
    x = np.array([values], np.float32)
    return x, (x != 0).any(axis=-1)      # what Masking() gives: zero rows masked


class MergeMaskTest(unittest.TestCase):
    P1, P2 = [[0, 0], [1, 2], [0, 0], [3, 4]], [[0, 0], [0, 0], [1, 2], [3, 4]]
    N1, N2 = [[0, 0], [-1, -2], [0, 0], [-3, -4]], [[0, 0], [0, 0], [-1, -2], [-3, -4]]
    CASES = {  # layer: (x1, x2, output with x2 unmasked, output with both masked)
        "Add": (P1, P2, [[0, 0], [1, 2], [1, 2], [6, 8]], [[0, 0], [1, 2], [1, 2], [6, 8]]),
        "Subtract": (P1, P2, [[0, 0], [1, 2], [-1, -2], [0, 0]], [[0, 0], [1, 2], [-1, -2], [0, 0]]),
        "Average": (P1, P2, [[0, 0], [0.5, 1], [0.5, 1], [3, 4]], [[0, 0], [0.5, 1], [0.5, 1], [3, 4]]),
        "Multiply": (P1, P2, [[0, 0], [0, 0], [1, 2], [9, 16]], [[0, 0], [1, 2], [1, 2], [9, 16]]),
        "Maximum": (N1, N2, [[0, 0], [0, 0], [-1, -2], [-3, -4]], [[0, 0], [-1, -2], [-1, -2], [-3, -4]]),
        "Minimum": (P1, P2, [[0, 0], [0, 0], [1, 2], [3, 4]], [[0, 0], [1, 2], [1, 2], [3, 4]]),
    }

    def test_keras_literals(self):
        for name, (a, b, one, both) in self.CASES.items():
            with self.subTest(layer=name):
                (x1, m1), (x2, m2) = masked(a), masked(b)
                (y,), (mask,) = REGISTRY[name].call({}, [], [x1, x2], [m1, None])
                np.testing.assert_allclose(y, [one])
                self.assertIsNone(mask)
                (y,), (mask,) = REGISTRY[name].call({}, [], [x1, x2], [m1, m2])
                np.testing.assert_allclose(y, [both])
                np.testing.assert_array_equal(mask, [[0, 1, 1, 1]])

    def test_concatenate_literals(self):
        (x1, m1), x2 = masked(self.P1), np.array([self.P2], np.float32)
        (y,), (mask,) = REGISTRY["Concatenate"].call({"axis": 1}, [], [x1, x2], [m1, None])
        np.testing.assert_allclose(y, [self.P1 + self.P2])
        np.testing.assert_array_equal(mask, [[0, 1, 0, 1, 1, 1, 1, 1]])
        (y,), (mask,) = REGISTRY["Concatenate"].call({"axis": 2}, [], [x1, x2], [m1, None])
        np.testing.assert_allclose(y, [[[0, 0, 0, 0], [1, 2, 0, 0], [0, 0, 1, 2], [3, 4, 3, 4]]])
        np.testing.assert_array_equal(mask, [[1, 1, 1, 1]])


class ShapesAndDotTest(unittest.TestCase):
    def test_broadcast_after_the_batch_axis(self):
        rng = np.random.default_rng(1)
        a, b = rng.uniform(-1, 1, (2, 3, 4)).astype(np.float32), rng.uniform(-1, 1, (2, 4)).astype(np.float32)
        (y,), _ = REGISTRY["Add"].call({}, [], [a, b], [None, None])
        expected = [[[a[n, t, f] + b[n, f] for f in range(4)] for t in range(3)] for n in range(2)]
        np.testing.assert_allclose(y, expected, atol=1e-6)
        self.assertEqual(REGISTRY["Add"].output_shapes({}, [[None, 3, 4], [None, 4]]), [[None, 3, 4]])

    def test_dot_higher_dim(self):
        # merging_test.py test_dot_higher_dim: (1, 3, 2) . (1, 1, 2, 3), axes (-2, -1) -> (1, 2, 1, 2).
        rng = np.random.default_rng(2)
        a, b = rng.random((1, 3, 2)).astype(np.float32), rng.random((1, 1, 2, 3)).astype(np.float32)
        config = {"axes": [-2, -1]}
        (y,), (mask,) = REGISTRY["Dot"].call(config, [], [a, b], [None, None])
        self.assertEqual(y.shape, (1, 2, 1, 2))
        self.assertEqual(REGISTRY["Dot"].output_shapes(config, [[1, 3, 2], [1, 1, 2, 3]]), [[1, 2, 1, 2]])
        for i in range(2):
            for j in range(2):
                self.assertAlmostEqual(float(y[0, i, 0, j]), sum(float(a[0, k, i]) * float(b[0, 0, j, k]) for k in range(3)), places=5)
        self.assertIsNone(mask)

    def test_dot_normalize_is_cosine(self):
        rng = np.random.default_rng(3)
        a, b = rng.uniform(-1, 1, (3, 5)).astype(np.float32), rng.uniform(-1, 1, (3, 5)).astype(np.float32)
        (y,), _ = REGISTRY["Dot"].call({"axes": -1, "normalize": True}, [], [a, b], [None, None])
        cos = [float(a[n] @ b[n]) / (np.linalg.norm(a[n].astype(float)) * np.linalg.norm(b[n].astype(float))) for n in range(3)]
        np.testing.assert_allclose(y[:, 0], cos, atol=1e-6)
        self.assertEqual(y.shape, (3, 1))


if __name__ == "__main__":
    unittest.main()
