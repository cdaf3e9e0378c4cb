"""Checks numpy_layers.normalization against Keras's own test values
(keras/src/layers/normalization/layer_normalization_test.py) and against the
formulas computed independently in float64 loops.

Run: python3 -m unittest discover -s python -p 'test_*.py'   (from the repo root)
"""
import os
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from numpy_layers import REGISTRY  # noqa: E402

LN = REGISTRY["LayerNormalization"]
BN = REGISTRY["BatchNormalization"]


class LayerNormalizationTest(unittest.TestCase):
    def test_keras_test_output(self):
        x = np.arange(5, dtype=np.float32)[None, :]
        (y,), _ = LN.call({}, [np.ones(5, np.float32), np.ones(5, np.float32)], [x], [None])
        np.testing.assert_allclose(y, [[-0.41386, 0.29307, 1.0, 1.70693, 2.41386]], atol=1e-5)

    def test_keras_test_output_with_rms_scaling(self):
        x = np.arange(5, dtype=np.float32)[None, :]
        config = {"rms_scaling": True}
        self.assertEqual([n for n, _ in LN.weight_shapes(config, [[1, 5]])], ["gamma"])
        (y,), _ = LN.call(config, [np.ones(5, np.float32)], [x], [None])
        np.testing.assert_allclose(y, [[0.0, 0.70693, 1.41386, 2.12079, 2.82772]], atol=1e-5)

    def test_formula_in_float64_over_two_axes(self):
        rng = np.random.default_rng(1)
        x = rng.normal(2.0, 3.0, (2, 3, 4)).astype(np.float32)
        gamma = rng.uniform(0.5, 1.5, (3, 4)).astype(np.float32)
        beta = rng.uniform(-1, 1, (3, 4)).astype(np.float32)
        config = {"axis": [-1, -2], "epsilon": 1e-3}
        self.assertEqual(LN.weight_shapes(config, [[None, 3, 4]]), [("gamma", (3, 4)), ("beta", (3, 4))])
        (y,), masks = LN.call(config, [gamma, beta], [x], [None])
        for b in range(2):
            values = [float(v) for v in x[b].ravel()]
            mean = sum(values) / len(values)
            var = sum((v - mean) ** 2 for v in values) / len(values)
            for i in range(3):
                for j in range(4):
                    want = (float(x[b, i, j]) - mean) / (var + 1e-3) ** 0.5 * float(gamma[i, j]) + float(beta[i, j])
                    self.assertAlmostEqual(float(y[b, i, j]), want, delta=2e-5 * (1 + abs(want)))
        self.assertIsNone(masks[0])

    def test_mask_passes_through(self):
        mask = np.array([[True, False]])
        _, masks = LN.call({"center": False, "scale": False}, [], [np.ones((1, 2, 3), np.float32)], [mask])
        self.assertIs(masks[0], mask)


class BatchNormalizationTest(unittest.TestCase):
    def test_formula_in_float64_on_axis_1(self):
        rng = np.random.default_rng(2)
        x = rng.normal(0, 2, (2, 3, 4)).astype(np.float32)
        gamma, beta, mean = (rng.uniform(-1, 1, 3).astype(np.float32) for _ in range(3))
        variance = rng.uniform(0.1, 2, 3).astype(np.float32)
        config = {"axis": 1, "epsilon": 1e-3}
        self.assertEqual([n for n, _ in BN.weight_shapes(config, [[None, 3, 4]])], ["gamma", "beta", "moving_mean", "moving_variance"])
        (y,), _ = BN.call(config, [gamma, beta, mean, variance], [x], [None])
        for b in range(2):
            for c in range(3):
                for t in range(4):
                    want = (float(x[b, c, t]) - float(mean[c])) / (float(variance[c]) + 1e-3) ** 0.5 * float(gamma[c]) + float(beta[c])
                    self.assertAlmostEqual(float(y[b, c, t]), want, delta=1e-5 * (1 + abs(want)))

    def test_without_center_and_scale(self):
        config = {"center": False, "scale": False}
        self.assertEqual([n for n, _ in BN.weight_shapes(config, [[None, 2]])], ["moving_mean", "moving_variance"])
        (y,), _ = BN.call(config, [np.array([1, 2], np.float32), np.array([4, 9], np.float32)],
                          [np.array([[3, 5]], np.float32)], [None])
        np.testing.assert_allclose(y, [[2 / np.sqrt(4.001), 3 / np.sqrt(9.001)]], rtol=1e-6)


if __name__ == "__main__":
    unittest.main()
