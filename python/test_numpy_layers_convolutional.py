"""numpy_layers.convolutional against a scalar loop written from the Conv1D formula
and against Keras's own test reference construction (conv_test.py np_conv1d:
dilated kernel, _same_padding, strided windows).

Run: python3 -m unittest discover -s python -p 'test_*.py'
"""
import os
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from numpy_layers import REGISTRY  # noqa: E402

CONV = REGISTRY["Conv1D"]


def loop_conv1d(x, kernel, bias, stride, padding, dilation, groups):
    """One output element at a time, in float64."""
    batch, length, channels = x.shape
    k, cg, filters = kernel.shape
    span = dilation * (k - 1) + 1
    if padding == "causal":
        left, out = span - 1, (length - 1) // stride + 1
    elif padding == "same":
        out = -(-length // stride)
        # conv_test.py _same_padding
        total = max(span - stride, 0) if length % stride == 0 else max(span - length % stride, 0)
        left = total // 2
    else:
        left, out = 0, (length - span) // stride + 1
    y = np.zeros((batch, out, filters))
    for n in range(batch):
        for t in range(out):
            for f in range(filters):
                g = f // (filters // groups)
                acc = bias[f]
                for j in range(k):
                    p = t * stride + j * dilation - left
                    if 0 <= p < length:
                        for c in range(cg):
                            acc += float(x[n, p, g * cg + c]) * float(kernel[j, c, f])
                y[n, t, f] = acc
    return y


class Conv1DTest(unittest.TestCase):
    CASES = [  # conv_test.py ConvCorrectnessTest.test_conv1d, plus paddings split on both sides
        dict(filters=5, kernel_size=2, strides=1, padding="valid", dilation_rate=1, groups=1),
        dict(filters=6, kernel_size=2, strides=1, padding="same", dilation_rate=2, groups=2),
        dict(filters=6, kernel_size=2, strides=1, padding="causal", dilation_rate=2, groups=2),
        dict(filters=6, kernel_size=[2], strides=[2], padding="valid", dilation_rate=1, groups=2),
        dict(filters=3, kernel_size=4, strides=1, padding="same", dilation_rate=1, groups=1),
        dict(filters=4, kernel_size=3, strides=3, padding="same", dilation_rate=1, groups=2),
        dict(filters=2, kernel_size=3, strides=2, padding="causal", dilation_rate=1, groups=1),
    ]

    def test_against_the_loop(self):
        rng = np.random.default_rng(3)
        for case in self.CASES:
            with self.subTest(**{k: str(v) for k, v in case.items()}):
                config = dict(case, activation="linear", use_bias=True)
                x = rng.uniform(-1, 1, (2, 8, 4)).astype(np.float32)
                shapes = CONV.weight_shapes(config, [[None, 8, 4]])
                weights = [rng.uniform(-1, 1, s).astype(np.float32) for _, s in shapes]
                (y,), (mask,) = CONV.call(config, weights, [x], [None])
                k = lambda v: v[0] if isinstance(v, list) else v  # noqa: E731
                expected = loop_conv1d(x, weights[0], weights[1], k(case["strides"]), case["padding"], case["dilation_rate"], case["groups"])
                self.assertEqual(list(y.shape), [2] + CONV.output_shapes(config, [[None, 8, 4]])[0][1:])
                np.testing.assert_allclose(y, expected, atol=1e-5)
                self.assertEqual(y.dtype, np.float32)
                self.assertIsNone(mask)

    def test_channels_first_is_the_transpose(self):
        rng = np.random.default_rng(4)
        x = rng.uniform(-1, 1, (2, 7, 3)).astype(np.float32)
        config = dict(filters=4, kernel_size=3, padding="same", activation="relu")
        weights = [rng.uniform(-1, 1, s).astype(np.float32) for _, s in CONV.weight_shapes(config, [[None, 7, 3]])]
        (last,), _ = CONV.call(config, weights, [x], [None])
        (first,), _ = CONV.call(dict(config, data_format="channels_first"), weights, [x.transpose(0, 2, 1).copy()], [None])
        np.testing.assert_allclose(first.transpose(0, 2, 1), last, atol=1e-6)
        self.assertTrue((last >= 0).all())


if __name__ == "__main__":
    unittest.main()
