"""numpy_layers' 2-D/3-D layers (Conv2D/3D, Max/AveragePooling2D/3D, global pooling, ZeroPadding2D/3D,
Cropping2D/3D, UpSampling2D/3D) against scalar loops written from Keras's documented formulas, in float64.

Run: python3 -m unittest discover -s python -p 'test_*.py'
"""
import itertools
import os
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from numpy_layers import REGISTRY  # noqa: E402


def _geometry(size, window, stride, dilation, padding):
    span = dilation * (window - 1) + 1
    if padding == "valid":
        return (size - span) // stride + 1, 0
    out = -(-size // stride)
    return out, max((out - 1) * stride + span - size, 0) // 2


def loop_conv(x, kernel, bias, strides, padding, dilation, groups):
    rank = x.ndim - 2
    k, (cg, filters) = kernel.shape[:rank], kernel.shape[rank:]
    geo = [_geometry(x.shape[1 + a], k[a], strides[a], dilation[a], padding) for a in range(rank)]
    out = [g[0] for g in geo]
    y = np.zeros((x.shape[0], *out, filters))
    for n in range(x.shape[0]):
        for o in itertools.product(*map(range, out)):
            for f in range(filters):
                g = f // (filters // groups)
                acc = float(bias[f])
                for j in itertools.product(*map(range, k)):
                    p = [o[a] * strides[a] + j[a] * dilation[a] - geo[a][1] for a in range(rank)]
                    if all(0 <= p[a] < x.shape[1 + a] for a in range(rank)):
                        for c in range(cg):
                            acc += float(x[(n, *p, g * cg + c)]) * float(kernel[(*j, c, f)])
                y[(n, *o, f)] = acc
    return y


def loop_pool(x, pool, strides, padding, reduce):
    rank = x.ndim - 2
    geo = [_geometry(x.shape[1 + a], pool[a], strides[a], 1, padding) for a in range(rank)]
    out = [g[0] for g in geo]
    y = np.zeros((x.shape[0], *out, x.shape[-1]))
    for n in range(x.shape[0]):
        for o in itertools.product(*map(range, out)):
            for c in range(x.shape[-1]):
                values = [float(x[(n, *p, c)]) for p in itertools.product(
                    *(range(o[a] * strides[a] - geo[a][1], o[a] * strides[a] - geo[a][1] + pool[a]) for a in range(rank)))
                    if all(0 <= p[a] < x.shape[1 + a] for a in range(rank))]
                y[(n, *o, c)] = reduce(values)
    return y


class Conv2DTest(unittest.TestCase):
    CASES = [
        dict(kernel_size=[3, 3], strides=[1, 1], padding="valid", dilation_rate=[1, 1], groups=1),
        dict(kernel_size=[4, 3], strides=[2, 3], padding="same", dilation_rate=[1, 1], groups=2),
        dict(kernel_size=[2, 2], strides=[1, 1], padding="same", dilation_rate=[2, 3], groups=1),
        dict(kernel_size=[2, 3, 2], strides=[1, 2, 1], padding="same", dilation_rate=[1, 1, 1], groups=2),
    ]

    def test_against_the_loop(self):
        rng = np.random.default_rng(5)
        for case in self.CASES:
            rank = len(case["kernel_size"])
            cls = "Conv2D" if rank == 2 else "Conv3D"
            config = dict(case, filters=4, activation="linear")
            x = rng.uniform(-1, 1, (2, 7, 6, 4) if rank == 2 else (2, 4, 5, 4, 4)).astype(np.float32)
            shapes = REGISTRY[cls].weight_shapes(config, [list(x.shape)])
            weights = [rng.uniform(-1, 1, s).astype(np.float32) for _, s in shapes]
            (y,), masks = REGISTRY[cls].call(config, weights, [x], [None])
            expected = loop_conv(x, weights[0], weights[1], case["strides"], case["padding"], case["dilation_rate"],
                                 case["groups"])
            self.assertEqual(y.shape, expected.shape)
            self.assertEqual(REGISTRY[cls].output_shapes(config, [[None, *x.shape[1:]]])[0][1:], list(expected.shape[1:]))
            np.testing.assert_allclose(y, expected, atol=2e-5, err_msg=str(case))
            self.assertEqual(masks, [None])


class Pooling2DTest(unittest.TestCase):
    def test_against_the_loop(self):
        rng = np.random.default_rng(6)
        for pool, strides, padding in [([2, 2], None, "valid"), ([3, 2], [2, 1], "same"), ([2, 3], [3, 2], "same"),
                                       ([2, 2, 3], [1, 2, 2], "same")]:
            rank = len(pool)
            x = rng.uniform(-1, 1, (2, 7, 6, 3) if rank == 2 else (2, 5, 4, 5, 3)).astype(np.float32)
            config = dict(pool_size=pool, strides=strides, padding=padding)
            for name, reduce in (("MaxPooling", max), ("AveragePooling", lambda v: sum(v) / len(v))):
                (y,), _ = REGISTRY[f"{name}{rank}D"].call(config, [], [x], [None])
                np.testing.assert_allclose(y, loop_pool(x, pool, strides or pool, padding, reduce), atol=1e-6,
                                           err_msg=f"{name} {config}")

    def test_global_pooling(self):
        x = np.random.default_rng(7).uniform(-1, 1, (2, 3, 4, 5)).astype(np.float32)
        (y,), _ = REGISTRY["GlobalAveragePooling2D"].call({"keepdims": True}, [], [x], [None])
        self.assertEqual(y.shape, (2, 1, 1, 5))
        for n, c in itertools.product(range(2), range(5)):
            self.assertAlmostEqual(float(y[n, 0, 0, c]), sum(float(v) for v in x[n, :, :, c].ravel()) / 12, places=6)
        (y,), _ = REGISTRY["GlobalMaxPooling2D"].call({}, [], [x], [None])
        self.assertEqual(float(y[1, 2]), max(float(v) for v in x[1, :, :, 2].ravel()))


class Reshaping2DTest(unittest.TestCase):
    def test_pad_crop_upsample(self):
        x = np.random.default_rng(8).uniform(-1, 1, (2, 3, 4, 2)).astype(np.float32)
        (p,), _ = REGISTRY["ZeroPadding2D"].call({"padding": [[1, 2], [0, 3]]}, [], [x], [None])
        self.assertEqual(p.shape, (2, 6, 7, 2))
        for n, r, c, k in itertools.product(*map(range, p.shape)):
            inside = 1 <= r < 4 and c < 4
            self.assertEqual(p[n, r, c, k], x[n, r - 1, c, k] if inside else 0)
        (q,), _ = REGISTRY["Cropping2D"].call({"cropping": [[1, 2], [0, 3]]}, [], [p], [None])
        np.testing.assert_array_equal(q, x)
        (u,), _ = REGISTRY["UpSampling2D"].call({"size": [2, 3]}, [], [x], [None])
        for n, r, c, k in itertools.product(*map(range, u.shape)):
            self.assertEqual(u[n, r, c, k], x[n, r // 2, c // 3, k])


class Reshaping3DTest(unittest.TestCase):
    """keras/src/layers/reshaping/{zero_padding3d,cropping3d,up_sampling3d}.py: docstring shapes and index formulas."""

    @staticmethod
    def _call(cls, config, x):
        (y,), (mask,) = REGISTRY[cls].call(config, [], [x], [None])
        return y, mask

    def test_pad_crop_upsample_against_loops(self):
        x = np.random.default_rng(9).uniform(-1, 1, (2, 3, 2, 4, 2)).astype(np.float32)
        p, mask = self._call("ZeroPadding3D", {"padding": [[1, 2], 1, [3, 0]]}, x)
        self.assertIsNone(mask)
        self.assertEqual(p.shape, (2, 6, 4, 7, 2))
        self.assertEqual(REGISTRY["ZeroPadding3D"].output_shapes({"padding": [[1, 2], 1, [3, 0]]}, [[None, 3, None, 4, 2]]),
                         [[None, 6, None, 7, 2]])
        for n, i, j, k, c in itertools.product(*map(range, p.shape)):
            inside = 1 <= i < 4 and 1 <= j < 3 and 3 <= k < 7
            self.assertEqual(p[n, i, j, k, c], x[n, i - 1, j - 1, k - 3, c] if inside else 0)
        q, _ = self._call("Cropping3D", {"cropping": [[1, 2], [1, 1], [3, 0]]}, p)
        np.testing.assert_array_equal(q, x)
        q, _ = self._call("Cropping3D", {"cropping": [[2, 0], 0, [1, 2]]}, x)
        for n, i, j, k, c in itertools.product(*map(range, q.shape)):
            self.assertEqual(q[n, i, j, k, c], x[n, i + 2, j, k + 1, c])
        u, _ = self._call("UpSampling3D", {"size": [2, 1, 3]}, x)
        self.assertEqual(u.shape, (2, 6, 2, 12, 2))
        for n, i, j, k, c in itertools.product(*map(range, u.shape)):
            self.assertEqual(u[n, i, j, k, c], x[n, i // 2, j, k // 3, c])

    def test_kerass_docstring_shapes_and_defaults(self):
        self.assertEqual(self._call("ZeroPadding3D", {"padding": 2}, np.zeros((1, 1, 2, 2, 3)))[0].shape, (1, 5, 6, 6, 3))
        self.assertEqual(REGISTRY["Cropping3D"].output_shapes({"cropping": [2, 4, 2]}, [[2, 28, 28, 10, 3]]),
                         [[2, 24, 20, 6, 3]])
        self.assertEqual(self._call("UpSampling3D", {"size": [2, 2, 2]}, np.ones((2, 1, 2, 1, 3)))[0].shape, (2, 2, 4, 2, 3))
        self.assertEqual(self._call("ZeroPadding3D", {}, np.zeros((1, 1, 2, 2, 3)))[0].shape, (1, 3, 4, 4, 3))
        self.assertEqual(self._call("Cropping3D", {}, np.zeros((1, 3, 4, 5, 2)))[0].shape, (1, 1, 2, 3, 2))
        self.assertEqual(self._call("UpSampling3D", {}, np.zeros((1, 1, 2, 3, 2)))[0].shape, (1, 2, 4, 6, 2))

    def test_bad_and_unsupported_options_are_refused(self):
        x = np.zeros((1, 2, 4, 3, 1), np.float32)
        with self.assertRaises(ValueError):
            self._call("Cropping3D", {"cropping": [1, 0, 0]}, x)
        with self.assertRaises(ValueError):
            self._call("ZeroPadding3D", {"padding": [1, 2]}, x)
        with self.assertRaises(ValueError):
            self._call("ZeroPadding3D", {"padding": [[0, -1], 0, 0]}, x)
        with self.assertRaises(ValueError):
            self._call("UpSampling3D", {"size": [2, 0, 2]}, x)


class ConvLSTMTest(unittest.TestCase):
    """keras/src/layers/rnn/conv_lstm2d_test.py and conv_lstm3d_test.py test_correctness: arange(n)/100, filters 2,
    kernel 3, Constant(0.01) kernel, Constant(0.02) recurrent kernel, Constant(0.03) bias with unit_forget_bias."""

    def _run(self, cls, shape):
        x = (np.arange(np.prod(shape)).reshape(shape) / 100).astype(np.float32)
        config = {"filters": 2, "kernel_size": 3}
        shapes = REGISTRY[cls].weight_shapes(config, [[None, *shape[1:]]])
        kernel, recurrent = (np.full(s, v, np.float32) for (_, s), v in zip(shapes, (0.01, 0.02)))
        bias = np.full(8, 0.03, np.float32)
        bias[2:4] = 1.0
        (y,), _ = REGISTRY[cls].call(config, [kernel, recurrent, bias], [x], [None])
        self.assertEqual(list(y.shape[1:]), REGISTRY[cls].output_shapes(config, [[None, *shape[1:]]])[0][1:])
        return y

    def test_conv_lstm2d_keras_literals(self):
        expected = np.array([[[[0.48694518, 0.48694518], [0.50237733, 0.50237733]],
                              [[0.5461202, 0.5461202], [0.5598283, 0.5598283]]],
                             [[[0.8661607, 0.8661607], [0.86909103, 0.86909103]],
                              [[0.8774414, 0.8774414], [0.8800861, 0.8800861]]]])
        np.testing.assert_allclose(self._run("ConvLSTM2D", (2, 3, 4, 4, 5)), expected, atol=1e-6)

    def test_conv_lstm3d_keras_literals(self):
        first = np.array([0.99149036, 0.99180907, 0.99258363, 0.9927925, 0.99413764, 0.99420583, 0.9943788, 0.9944278])
        expected = np.stack([np.repeat(first, 2).reshape(2, 2, 2, 2), np.full((2, 2, 2, 2), 0.9950547)])
        np.testing.assert_allclose(self._run("ConvLSTM3D", (2, 3, 4, 4, 4, 5)), expected, atol=1e-6)


if __name__ == "__main__":
    unittest.main()
