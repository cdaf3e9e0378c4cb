"""numpy_runner.layer_outputs: every layer's outputs of a case, for rnnparity diff.

Checked against the runner's own whole-model outputs and against each layer recomputed alone
from the previous layer's observed output.

Run: python3 -m unittest discover -s python -p 'test_*.py'   (from the repo root)
"""
import json
import os
import shutil
import sys
import tempfile
import unittest

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import case_io  # noqa: E402
import numpy_layers  # noqa: E402
import numpy_runner  # noqa: E402

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STACKED = os.path.join(REPO_ROOT, "fixtures", "keras", "stacked_rnn_dense")


class LayerOutputsTest(unittest.TestCase):
    def test_every_layer_in_model_order_and_the_last_is_the_model_output(self):
        got = numpy_runner.layer_outputs(STACKED)
        self.assertEqual(got["unchecked"], [])
        layers = got["runs"][0]
        self.assertEqual([l["name"] for l in layers], ["simple_rnn", "lstm", "dense"])
        whole = numpy_runner.compute(STACKED)["runs"][0]["outputs"][0]
        np.testing.assert_array_equal(layers[-1]["outputs"][0], whole)

    def test_a_layer_recomputed_from_the_previous_layer_output(self):
        doc = case_io.read_case(STACKED)
        model_json = case_io.read_json(STACKED, doc["model"], "model")
        dense_cfg = next(l["config"] for l in model_json["config"]["layers"] if l["config"]["name"] == "dense")
        weights = [a for e, a in case_io.load_weights(STACKED, doc) if e["layer"] == "dense"]
        layers = numpy_runner.layer_outputs(STACKED)["runs"][0]
        outputs, _ = numpy_layers.REGISTRY["Dense"].call(dense_cfg, weights, [layers[1]["outputs"][0]], [None])
        np.testing.assert_array_equal(outputs[0], layers[2]["outputs"][0])

    def test_an_unregistered_layer_is_named_and_nothing_runs(self):
        tmp = tempfile.mkdtemp()
        try:
            case = os.path.join(tmp, "case")
            shutil.copytree(STACKED, case)
            path = os.path.join(case, "model.json")
            with open(path) as f:
                model = json.load(f)
            model["config"]["layers"][2]["class_name"] = "NoSuchLayer"
            with open(path, "w") as f:
                json.dump(model, f)
            got = numpy_runner.layer_outputs(case)
            self.assertIsNone(got["runs"])
            self.assertEqual([(u["name"], u["class_name"]) for u in got["unchecked"]], [("lstm", "NoSuchLayer")])
        finally:
            shutil.rmtree(tmp)


if __name__ == "__main__":
    unittest.main()
