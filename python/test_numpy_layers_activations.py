"""numpy_layers.activations against formulas written out element by element
with Python's math module (double precision), and against Keras's own test
values (keras/src/layers/activations/*_test.py, keras/src/activations/activations_test.py).

Run: python3 -m unittest discover -s python -p 'test_*.py'   (from the repo root)
"""
import math
import os
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from numpy_layers import REGISTRY  # noqa: E402
from numpy_layers import activations as A  # noqa: E402

XS = [-20.0, -6.0, -3.0, -1.5, -1.0, -0.75, -0.5, -0.1, 0.0, 0.1, 0.5, 0.75, 1.0, 1.5, 3.0, 6.0, 20.0]


def sig(v):
    return 1.0 / (1.0 + math.exp(-v))


def softplus(v):
    return max(v, 0.0) + math.log1p(math.exp(-abs(v)))


def hsig(v):
    return min(max(v + 3.0, 0.0), 6.0) / 6.0


SCALAR = {
    "linear": lambda v: v,
    "tanh": math.tanh,
    "sigmoid": sig,
    "hard_sigmoid": hsig,
    "relu": lambda v: max(v, 0.0),
    "relu6": lambda v: min(max(v, 0.0), 6.0),
    "leaky_relu": lambda v: v if v >= 0 else 0.2 * v,
    "elu": lambda v: v if v >= 0 else math.expm1(v),
    "selu": lambda v: 1.0507009873554805 * (v if v >= 0 else 1.6732632423543772 * math.expm1(v)),
    "celu": lambda v: v if v >= 0 else math.expm1(v),
    "softplus": softplus,
    "softsign": lambda v: v / (1 + abs(v)),
    "silu": lambda v: v * sig(v),
    "swish": lambda v: v * sig(v),
    "hard_silu": lambda v: v * hsig(v),
    "hard_swish": lambda v: v * hsig(v),
    "hard_tanh": lambda v: min(max(v, -1.0), 1.0),
    "tanh_shrink": lambda v: v - math.tanh(v),
    "exponential": math.exp,
    "log_sigmoid": lambda v: -softplus(-v),
    "mish": lambda v: v * math.tanh(softplus(v)),
    "sparse_sigmoid": lambda v: 0.0 if v <= -1 else 1.0 if v >= 1 else 0.5 * (v + 1),
    "gelu": lambda v: v * (1 + math.erf(v / math.sqrt(2))) / 2,
    "hard_shrink": lambda v: v if abs(v) > 0.5 else 0.0,
    "soft_shrink": lambda v: v - 0.5 if v > 0.5 else v + 0.5 if v < -0.5 else 0.0,
    "sparse_plus": lambda v: 0.0 if v <= -1 else 0.25 * (v + 1) ** 2 if v < 1 else v,
    "squareplus": lambda v: (v + math.sqrt(v * v + 4)) / 2,
}


def close(test, actual, expected, what):
    for i, (a, e) in enumerate(zip(np.ravel(actual), np.ravel(expected))):
        test.assertLessEqual(abs(float(a) - e), 1e-6 + 2e-6 * abs(e), f"{what} at {i}: {a} vs {e}")


class Activations(unittest.TestCase):
    def test_every_keras_name_but_threshold(self):
        keras_names = set(SCALAR) | {"softmax", "log_softmax", "sparsemax", "glu"}
        self.assertEqual(set(A.ACTIVATIONS), keras_names)

    def test_elementwise_against_math(self):
        x = np.array(XS, np.float32)
        for name, fn in SCALAR.items():
            with self.subTest(name):
                y = A.get(name)(x)
                self.assertEqual(y.dtype, np.float32)
                close(self, y, [fn(float(v)) for v in x], name)

    def test_softmax_and_log_softmax_rows(self):
        x = np.array([[1.0, 2.0, 1.0], [91.0, 92.0, 91.0]], np.float32)
        for row in range(2):
            m = max(x[row])
            s = sum(math.exp(v - m) for v in x[row])
            close(self, A.get("softmax")(x)[row], [math.exp(v - m) / s for v in x[row]], "softmax")
            close(self, A.get("log_softmax")(x)[row], [v - m - math.log(s) for v in x[row]], "log_softmax")

    def test_sparsemax_keras_values_and_315_threshold(self):
        # activations_test.py::test_sparsemax: a support of one gives one-hot.
        x = np.linspace(1, 12, num=12).astype(np.float32).reshape(-1, 2)
        np.testing.assert_array_equal(A.sparsemax(x), np.tile([0.0, 1.0], (6, 1)))
        # keras-team/keras#23425: Keras 3.15 gives [0, 0, 0.25] here (the paper: [0, 0.25, 0.75]).
        np.testing.assert_allclose(A.sparsemax(np.array([[0.0, 0.5, 1.0]], np.float32)), [[0.0, 0.0, 0.25]])

    def test_glu_halves_the_last_axis(self):
        x = np.array([[1.0, -2.0, 0.5, 3.0]], np.float32)
        close(self, A.glu(x), [1.0 * sig(0.5), -2.0 * sig(3.0)], "glu")
        with self.assertRaises(ValueError):
            A.glu(np.ones((1, 3), np.float32))

    def test_relu_arguments_match_keras_docstring(self):
        x = np.array([-10, -5, 0.0, 5, 10], np.float32)
        np.testing.assert_array_equal(A.relu(x, negative_slope=0.5), [-5, -2.5, 0, 5, 10])
        np.testing.assert_array_equal(A.relu(x, max_value=5.0), [0, 0, 0, 5, 5])
        np.testing.assert_array_equal(A.relu(x, threshold=5.0), [0, 0, 0, 0, 10])
        # relu_test.py::test_threshold_relu_correctness.
        y = A.relu(np.array([6.0, 7.0, 0.0, 5, 10], np.float32), 0.0, 8, 5)
        np.testing.assert_array_equal(y, [6, 7, 0, 0, 8])


class ActivationLayers(unittest.TestCase):
    def run_layer(self, cls, config, x, weights=(), mask=None):
        spec = REGISTRY[cls]
        self.assertEqual(spec.output_shapes(config, [[None, *x.shape[1:]]]), [[None, *x.shape[1:]]])
        (y,), (m,) = spec.call(config, list(weights), [x], [mask])
        self.assertIs(m, mask)
        return y

    def test_leaky_relu_and_keras2_alpha(self):
        x = np.array([[-10, -5, 0.0, 5, 10]], np.float32)
        np.testing.assert_array_equal(self.run_layer("LeakyReLU", {"negative_slope": 0.5}, x), [[-5, -2.5, 0, 5, 10]])
        np.testing.assert_array_equal(self.run_layer("LeakyReLU", {"alpha": 0.5}, x), [[-5, -2.5, 0, 5, 10]])

    def test_prelu_shared_axes(self):
        rng = np.random.default_rng(1)
        x = rng.standard_normal((2, 10, 5, 3)).astype(np.float32)
        config = {"shared_axes": [1, 2]}
        self.assertEqual(REGISTRY["PReLU"].weight_shapes(config, [[None, 10, 5, 3]]), [("alpha", (1, 1, 3))])
        alpha = rng.random((1, 1, 3)).astype(np.float32)
        y = self.run_layer("PReLU", config, x, [alpha])
        expected = [[[[v if v > 0 else float(alpha[0, 0, c]) * v for c, v in enumerate(row)] for row in plane]
                     for plane in sample] for sample in x.astype(float).tolist()]
        close(self, y, np.ravel(expected), "PReLU")

    def test_softmax_mask_keras_test(self):
        # softmax_test.py::test_softmax_masked_values_are_zero_including_fully_masked.
        x = np.array([[1.0, 2.0, 5.0, 1.0], [1.0, 1.0, 1.0, 1.0], [3.0, 1.0, 2.0, 4.0]], np.float32)
        mask = np.array([[True, True, False, False], [False] * 4, [True] * 4])
        y = self.run_layer("Softmax", {"axis": -1}, x, mask=mask)
        np.testing.assert_allclose(y, [[0.268941, 0.731059, 0, 0], [0, 0, 0, 0],
                                       [0.236883, 0.032059, 0.087144, 0.643914]], atol=1e-6)

    def test_softmax_two_axes_with_mask_keras_test(self):
        # softmax_test.py::test_softmax_correctness_with_mask: axis (1, 0).
        x = np.array([[1.0, 2.0, 1.0], [1.0, 2.0, 1.0]], np.float32)
        mask = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]]) > 0.5
        y = self.run_layer("Softmax", {"axis": [1, 0]}, x, mask=mask)
        np.testing.assert_allclose(y, [[0.21194154, 0.0, 0.21194154], [0.0, 0.57611686, 0.0]], atol=1e-7)

    def test_elu_alpha(self):
        x = np.array([[-2.0, -0.5, 0.0, 1.5]], np.float32)
        close(self, self.run_layer("ELU", {"alpha": 0.7}, x), [0.7 * math.expm1(-2.0), 0.7 * math.expm1(-0.5), 0, 1.5], "ELU")


if __name__ == "__main__":
    unittest.main()
