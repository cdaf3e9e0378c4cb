"""numpy_layers' data_format='channels_first' for the 2-D/3-D layers (Conv2D/3D, pooling and global pooling 2-D/3-D,
ZeroPadding/Cropping/UpSampling 2-D/3-D, ConvLSTM1D/2D/3D): on transpose(x) the channels_first layer gives exactly
transpose(channels_last layer on x), with the same weights (Keras keeps the kernel layout), and its output_shapes
are that result's shapes. The axes are spelled out here, independently of _windows.by_transpose.

Run: python3 -m unittest discover -s python -p 'test_*.py'
"""
import os
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from numpy_layers import REGISTRY  # noqa: E402

FIRST2, FIRST3 = (0, 3, 1, 2), (0, 4, 1, 2, 3)


def _symbolic(shape):
    return [None, *shape[1:]]


class ChannelsFirstTest(unittest.TestCase):
    def _check(self, cls, config, x, in_axes, out_axes, extra=(), extra_axes=(), mask=None):
        """Runs both formats; out_axes[i] moves output i from channels_last to channels_first."""
        layer = REGISTRY[cls]
        first_config = dict(config, data_format="channels_first")
        xf = np.ascontiguousarray(x.transpose(in_axes))
        extra_first = [np.ascontiguousarray(e.transpose(a)) for e, a in zip(extra, extra_axes)]
        shapes = layer.weight_shapes(config, [_symbolic(x.shape), *(_symbolic(e.shape) for e in extra)])
        self.assertEqual(layer.weight_shapes(first_config, [_symbolic(xf.shape), *(_symbolic(e.shape) for e in extra_first)]), shapes)
        rng = np.random.default_rng(9)
        weights = [rng.uniform(-1, 1, s).astype(np.float32) for _, s in shapes]
        masks = [mask] + [None] * len(extra)
        last, last_masks = layer.call(config, weights, [x, *extra], masks)
        first, first_masks = layer.call(first_config, weights, [xf, *extra_first], masks)
        declared = layer.output_shapes(first_config, [_symbolic(xf.shape), *(_symbolic(e.shape) for e in extra_first)])
        self.assertEqual(len(first), len(out_axes))
        for i, axes in enumerate(out_axes):
            want = last[i].transpose(axes)
            self.assertEqual(first[i].shape, want.shape)
            self.assertTrue(np.array_equal(first[i], want), f"output {i} bitwise")
            self.assertEqual(first[i].dtype, np.float32)
            self.assertEqual(declared[i], _symbolic(want.shape))
        for a, b in zip(first_masks, last_masks):
            self.assertTrue(a is None and b is None or np.array_equal(a, b))
        return first, first_masks

    def test_conv2d_and_conv3d(self):
        rng = np.random.default_rng(1)
        x2 = rng.uniform(-1, 1, (2, 7, 8, 4)).astype(np.float32)
        self._check("Conv2D", dict(filters=6, kernel_size=[4, 3], strides=[2, 3], padding="same", groups=2, activation="tanh"),
                    x2, FIRST2, [FIRST2])
        x3 = rng.uniform(-1, 1, (2, 5, 6, 5, 4)).astype(np.float32)
        self._check("Conv3D", dict(filters=3, kernel_size=[3, 2, 2], dilation_rate=[1, 2, 1]), x3, FIRST3, [FIRST3])

    def test_pooling_and_global_pooling(self):
        rng = np.random.default_rng(2)
        x2 = rng.uniform(-1, 1, (2, 7, 8, 3)).astype(np.float32)
        x3 = rng.uniform(-1, 1, (2, 5, 6, 7, 3)).astype(np.float32)
        for padding in ("valid", "same"):
            self._check("MaxPooling2D", dict(pool_size=[2, 3], strides=[2, 1], padding=padding), x2, FIRST2, [FIRST2])
            self._check("AveragePooling3D", dict(pool_size=[2, 2, 3], strides=[1, 2, 2], padding=padding), x3, FIRST3, [FIRST3])
        for keepdims in (False, True):
            (y,), _ = self._check("GlobalAveragePooling2D", dict(keepdims=keepdims), x2, FIRST2, [FIRST2 if keepdims else (0, 1)])
            # global_average_pooling_test.py channels_first: (batch, channels) or (batch, channels, 1, 1).
            self.assertEqual(y.shape, (2, 3, 1, 1) if keepdims else (2, 3))
            self._check("GlobalMaxPooling3D", dict(keepdims=keepdims), x3, FIRST3, [FIRST3 if keepdims else (0, 1)])

    def test_padding_cropping_upsampling(self):
        rng = np.random.default_rng(3)
        x2 = rng.uniform(-1, 1, (2, 6, 7, 3)).astype(np.float32)
        x3 = rng.uniform(-1, 1, (2, 4, 5, 6, 3)).astype(np.float32)
        (y,), _ = self._check("ZeroPadding2D", dict(padding=[[1, 0], [2, 3]]), x2, FIRST2, [FIRST2])
        self.assertEqual(y.shape, (2, 3, 7, 12))
        self._check("Cropping2D", dict(cropping=[[1, 2], [0, 3]]), x2, FIRST2, [FIRST2])
        self._check("UpSampling2D", dict(size=[2, 3]), x2, FIRST2, [FIRST2])
        self._check("ZeroPadding3D", dict(padding=[[1, 0], [0, 2], [2, 1]]), x3, FIRST3, [FIRST3])
        (y,), _ = self._check("Cropping3D", dict(cropping=[[1, 0], [0, 2], [2, 1]]), x3, FIRST3, [FIRST3])
        self.assertEqual(y.shape, (2, 3, 3, 3, 3))
        self._check("UpSampling3D", dict(size=[1, 2, 3]), x3, FIRST3, [FIRST3])

    def test_conv_lstm_sequences_states_masks_and_initial_states(self):
        rng = np.random.default_rng(4)
        x = rng.uniform(-1, 1, (2, 4, 5, 6, 2)).astype(np.float32)
        mask = np.array([[True] * 4, [True, True, False, False]])
        seq, state = (0, 1, 4, 2, 3), (0, 3, 1, 2)
        for sequences in (False, True):
            config = dict(filters=3, kernel_size=[2, 3], strides=[1, 2], padding="same", return_sequences=sequences,
                          return_state=True, go_backwards=sequences)
            _, masks = self._check("ConvLSTM2D", config, x, seq, [seq if sequences else state, state, state], mask=mask)
            self.assertTrue(np.array_equal(masks[0], mask) if sequences else masks[0] is None)
        h, c = (rng.uniform(-1, 1, (2, 5, 6, 3)).astype(np.float32) for _ in range(2))
        self._check("ConvLSTM2D", dict(filters=3, kernel_size=3, padding="same", return_sequences=True), x, seq, [seq],
                    extra=(h, c), extra_axes=(state, state))
        self._check("ConvLSTM1D", dict(filters=2, kernel_size=3, return_sequences=True),
                    rng.uniform(-1, 1, (2, 3, 7, 3)).astype(np.float32), (0, 1, 3, 2), [(0, 1, 3, 2)])
        self._check("ConvLSTM3D", dict(filters=2, kernel_size=[2, 2, 1]),
                    rng.uniform(-1, 1, (2, 3, 4, 3, 2, 2)).astype(np.float32), (0, 1, 5, 2, 3, 4), [FIRST3])


if __name__ == "__main__":
    unittest.main()
