"""The NumPy operations against element-by-element formulas written out in Python (no NumPy ufuncs)."""
import itertools
import unittest

import numpy as np

from numpy_layers import REGISTRY
from numpy_layers.ops import LAYERS


def run(name, config, *inputs):
    outputs, masks = REGISTRY["ops." + name].call(config, [], list(inputs), [None] * len(inputs))
    return outputs[0], masks[0]


class BinaryTests(unittest.TestCase):
    def setUp(self):
        rng = np.random.default_rng(7)
        self.x = rng.integers(-2, 3, (2, 3, 4)).astype(np.float32)
        self.y = rng.integers(-2, 3, (3, 1)).astype(np.float32)

    def check(self, name, formula):
        out, mask = run(name, {"name": "op"}, self.x, self.y)
        self.assertIsNone(mask)
        self.assertEqual(out.shape, (2, 3, 4))
        self.assertEqual(out.dtype, np.float32)
        for b, t, f in itertools.product(range(2), range(3), range(4)):
            self.assertEqual(float(out[b, t, f]), float(formula(float(self.x[b, t, f]), float(self.y[t, 0]))), (name, b, t, f))

    def test_arithmetic(self):
        self.check("Add", lambda a, b: a + b)
        self.check("Subtract", lambda a, b: a - b)
        self.check("Multiply", lambda a, b: a * b)
        self.check("Maximum", max)
        self.check("Minimum", min)

    def test_comparisons_give_zero_one(self):
        self.check("Equal", lambda a, b: float(a == b))
        self.check("NotEqual", lambda a, b: float(a != b))
        self.check("Greater", lambda a, b: float(a > b))
        self.check("GreaterEqual", lambda a, b: float(a >= b))
        self.check("Less", lambda a, b: float(a < b))
        self.check("LessEqual", lambda a, b: float(a <= b))
        self.check("LogicalAnd", lambda a, b: float(a != 0 and b != 0))
        self.check("LogicalOr", lambda a, b: float(a != 0 or b != 0))

    def test_scalar_constant(self):
        out, _ = run("NotEqual", {"name": "not_equal"}, self.x, np.float32(0.0))
        self.assertEqual(out.tolist(), [[[float(v != 0) for v in row] for row in m] for m in self.x.tolist()])

    def test_symbolic_broadcast_keeps_unknown_dimensions(self):
        spec = LAYERS["ops.Add"]
        self.assertEqual(spec.output_shapes({}, [[None, 7, 4], []]), [[None, 7, 4]])
        self.assertEqual(spec.output_shapes({}, [[None, 1], [5, 3]]), [[5, 3]])
        self.assertEqual(spec.output_shapes({}, [[1, 3], [None, 3]]), [[None, 3]])


class ReductionTests(unittest.TestCase):
    def setUp(self):
        rng = np.random.default_rng(3)
        self.x = rng.integers(0, 2, (2, 3, 4)).astype(np.float32)

    def test_any_over_last_axis(self):
        out, _ = run("Any", {"axis": -1, "keepdims": False}, self.x)
        expected = [[float(any(v != 0 for v in row)) for row in m] for m in self.x.tolist()]
        self.assertEqual(out.tolist(), expected)
        self.assertEqual(LAYERS["ops.Any"].output_shapes({"axis": -1, "keepdims": False}, [[None, 7, 4]]), [[None, 7]])

    def test_all_keepdims_and_axis_list(self):
        out, _ = run("All", {"axis": [0, 2], "keepdims": True}, self.x)
        self.assertEqual(out.shape, (1, 3, 1))
        for t in range(3):
            expected = float(all(self.x[b, t, f] != 0 for b in range(2) for f in range(4)))
            self.assertEqual(float(out[0, t, 0]), expected)

    def test_sum_and_mean_of_everything(self):
        total = sum(float(v) for v in self.x.flatten().tolist())
        self.assertEqual(float(run("Sum", {"axis": None}, self.x)[0]), total)
        self.assertAlmostEqual(float(run("Mean", {"axis": None}, self.x)[0]), total / 24, places=6)

    def test_cast_truncates_towards_zero(self):
        x = np.array([-1.7, -0.2, 0.0, 0.5, 2.9], np.float32)
        self.assertEqual(run("Cast", {"dtype": "int32"}, x)[0].tolist(), [-1.0, 0.0, 0.0, 0.0, 2.0])
        self.assertEqual(run("Cast", {"dtype": "bool"}, x)[0].tolist(), [1.0, 1.0, 0.0, 1.0, 1.0])


if __name__ == "__main__":
    unittest.main()
