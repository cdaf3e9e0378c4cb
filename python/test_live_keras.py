"""live_parity.keras_output against the NumPy reference, where keras imports (skipped elsewhere, with the reason).

Run: /usr/bin/python3 -m unittest discover -s python -p 'test_*.py'   (from the repo root)
"""
import os
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import keras_reference  # noqa: E402
import live_parity  # noqa: E402

KERAS_OK, KERAS_MESSAGE = keras_reference.keras_available()

# A few of the C# LiveParityCase.Standard configurations: (kind, units, features, timesteps, batch, seed, options).
CONFIGS = [
    ("SimpleRNN", 8, 4, 10, 1, 301, {"return_sequences": True}),
    ("LSTM", 4, 6, 5, 2, 306, {"recurrent_activation": "hard_sigmoid", "go_backwards": True}),
    ("GRU", 4, 3, 6, 2, 308, {"reset_after": False}),
    ("GRU", 3, 2, 6, 4, 313, {"return_sequences": True, "go_backwards": True, "padding": "pre"}),
    ("LSTM", 3, 2, 7, 4, 318, {"return_sequences": True, "merge_mode": "ave", "padding": "pre"}),
]


class WithoutKeras(unittest.TestCase):
    @unittest.skipIf(KERAS_OK, "keras imports here")
    def test_keras_output_says_keras_is_missing(self):
        weights, inputs, _ = live_parity.draw(1, "SimpleRNN", 2, 3, 4, 1)
        with self.assertRaisesRegex(keras_reference.KerasUnavailable, "keras is not installed"):
            live_parity.keras_output("SimpleRNN", inputs, weights)


@unittest.skipUnless(KERAS_OK, f"keras does not import, so Keras cannot be compared here: {KERAS_MESSAGE}")
class KerasAgainstNumpy(unittest.TestCase):
    def test_keras_and_the_numpy_reference_agree(self):
        for kind, units, features, timesteps, batch, seed, options in CONFIGS:
            options = dict(options)
            padding = options.pop("padding", None)
            reset_after = options.get("reset_after", True)
            weights, inputs, mask = live_parity.draw(seed, kind, units, features, timesteps, batch,
                                                     reset_after=reset_after, padding=padding,
                                                     bidirectional="merge_mode" in options)
            with self.subTest(kind=kind, seed=seed):
                expected = live_parity.reference(kind, inputs, weights, mask=mask, **options)
                actual = live_parity.keras_output(kind, inputs, weights, mask=mask, **options)
                np.testing.assert_allclose(actual, expected, atol=1e-5, rtol=1e-5)


if __name__ == "__main__":
    unittest.main()
