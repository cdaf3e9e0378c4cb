"""numpy_layers.reshaping against index arithmetic written out here and the
values of Keras's docstrings and tests (keras/src/layers/reshaping/).

Run: python3 -m unittest discover -s python -p 'test_*.py'   (from the repo root)
"""
import os
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from numpy_layers import REGISTRY  # noqa: E402


def run(cls, config, x):
    (y,), (m,) = REGISTRY[cls].call(config, [], [x], [np.ones(x.shape[:2], bool)])
    assert m is None, f"{cls} must drop the mask"
    assert REGISTRY[cls].weight_shapes(config, [list(x.shape)]) == []
    assert REGISTRY[cls].output_shapes(config, [list(x.shape)]) == [list(y.shape)], cls
    return y


def arange(*shape):
    return np.arange(np.prod(shape), dtype=np.float32).reshape(shape)


class Reshaping(unittest.TestCase):
    def test_flatten_both_formats(self):
        x = arange(2, 3, 2, 2)
        y = run("Flatten", {}, x)
        self.assertEqual([float(v) for v in y.ravel()], list(range(24)))
        y = run("Flatten", {"data_format": "channels_first"}, x)
        for b in range(2):
            for h in range(2):
                for w in range(2):
                    for c in range(3):
                        self.assertEqual(y[b, (h * 2 + w) * 3 + c], x[b, c, h, w])
        self.assertEqual(REGISTRY["Flatten"].output_shapes({}, [[5, 2, None]]), [[5, None]])

    def test_reshape_with_minus_one(self):
        self.assertEqual(run("Reshape", {"target_shape": [-1, 8]}, arange(1, 6, 4)).shape, (1, 3, 8))
        self.assertEqual(REGISTRY["Reshape"].output_shapes({"target_shape": [-1, 3]}, [[4, 6, None, 3]]), [[4, None, 3]])
        with self.assertRaises(ValueError):
            run("Reshape", {"target_shape": [5]}, arange(1, 2, 4))

    def test_permute_is_a_transpose(self):
        x = arange(2, 3, 4, 5)
        y = run("Permute", {"dims": [3, 1, 2]}, x)
        for b in range(2):
            for i in range(5):
                for j in range(3):
                    for k in range(4):
                        self.assertEqual(y[b, i, j, k], x[b, j, k, i])

    def test_repeat_vector(self):
        x = arange(2, 5)
        y = run("RepeatVector", {"n": 3}, x)
        for t in range(3):
            np.testing.assert_array_equal(y[:, t, :], x)

    def test_zero_padding_docstring(self):
        y = run("ZeroPadding1D", {"padding": 2}, arange(2, 2, 3))
        self.assertEqual(y.shape, (2, 6, 3))
        self.assertEqual(y[0, :, 0].tolist(), [0, 0, 0, 3, 0, 0])
        y = run("ZeroPadding1D", {"padding": [1, 2], "data_format": "channels_first"}, arange(1, 2, 3))
        self.assertEqual(y.tolist(), [[[0, 0, 1, 2, 0, 0], [0, 3, 4, 5, 0, 0]]])

    def test_cropping_docstring(self):
        y = run("Cropping1D", {"cropping": 1}, arange(2, 3, 2))
        self.assertEqual(y.tolist(), [[[2, 3]], [[8, 9]]])
        with self.assertRaises(ValueError):
            run("Cropping1D", {"cropping": [2, 1]}, arange(1, 3, 2))

    def test_up_sampling_docstring(self):
        y = run("UpSampling1D", {"size": 2}, arange(2, 2, 3))
        self.assertEqual(y[0].tolist(), [[0, 1, 2], [0, 1, 2], [3, 4, 5], [3, 4, 5]])


if __name__ == "__main__":
    unittest.main()
