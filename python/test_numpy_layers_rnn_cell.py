"""The NumPy RNN(cell) against the formulas written out per element in plain Python."""
import math
import unittest

import numpy as np

from numpy_layers import REGISTRY


def cell(name, units, **config):
    return {"class_name": name, "config": {"units": units, **config}}


class RnnTests(unittest.TestCase):
    def setUp(self):
        self.rng = np.random.default_rng(4)
        self.x = self.rng.uniform(-1, 1, (2, 3, 2)).astype(np.float32)

    def weights(self, config):
        return [self.rng.uniform(-0.5, 0.5, s).astype(np.float32) for _, s in REGISTRY["RNN"].weight_shapes(config, [[None, 3, 2]])]

    def test_simple_rnn_cell_matches_the_loop_written_out(self):
        config = {"cell": cell("SimpleRNNCell", 2), "return_sequences": True}
        w = self.weights(config)
        out, masks = REGISTRY["RNN"].call(config, w, [self.x], [None])
        k, r, b = (a.astype(float).tolist() for a in w)
        for n in range(2):
            h = [0.0, 0.0]
            for t in range(3):
                h = [math.tanh(sum(self.x[n, t, i] * k[i][j] for i in range(2)) + sum(h[i] * r[i][j] for i in range(2)) + b[j]) for j in range(2)]
                np.testing.assert_allclose(out[0][n, t], h, rtol=1e-5, atol=1e-6)
        self.assertIsNone(masks[0])

    def test_a_stack_equals_two_layers(self):
        stacked = {"cell": {"class_name": "StackedRNNCells", "config": {"cells": [cell("GRUCell", 3), cell("LSTMCell", 2)]}},
                   "return_state": True}
        w = self.weights(stacked)
        out, _ = REGISTRY["RNN"].call(stacked, w, [self.x], [None])
        first, _ = REGISTRY["RNN"].call({"cell": cell("GRUCell", 3), "return_sequences": True}, w[:3], [self.x], [None])
        second, _ = REGISTRY["RNN"].call({"cell": cell("LSTMCell", 2), "return_state": True}, w[3:], [first[0]], [None])
        self.assertEqual(len(out), 4)
        np.testing.assert_allclose(out[0], second[0], rtol=1e-6)
        np.testing.assert_allclose(out[2], second[1], rtol=1e-6)
        np.testing.assert_allclose(out[3], second[2], rtol=1e-6)

    def test_masked_step_repeats_the_last_cells_h_and_keeps_states(self):
        stacked = {"cell": {"class_name": "StackedRNNCells", "config": {"cells": [cell("SimpleRNNCell", 3), cell("SimpleRNNCell", 2)]}},
                   "return_sequences": True}
        w = self.weights(stacked)
        mask = np.array([[True, False, True], [True, True, False]])
        out, masks = REGISTRY["RNN"].call(stacked, w, [self.x], [mask])
        np.testing.assert_array_equal(out[0][0, 1], out[0][0, 0])
        np.testing.assert_array_equal(out[0][1, 2], out[0][1, 1])
        self.assertIs(masks[0], mask)


if __name__ == "__main__":
    unittest.main()
