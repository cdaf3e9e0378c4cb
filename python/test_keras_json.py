"""keras_json's layer configs against the configs Keras 3.15.1 itself wrote into the shared models
(/work/shared/keras-models/*/model.json): same fields, same order, same values.

Run: python3 -m unittest discover -s python -p 'test_*.py'
"""
import glob
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import keras_json  # noqa: E402

SHARED = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "shared", "keras-models")
_BASE = ("name", "trainable", "dtype")


def _keras_configs():
    """{class_name: (model folder, config)} of the first layer of each class keras_json writes in full."""
    found = {}

    def walk(node, where):
        if isinstance(node, dict):
            cls = node.get("class_name")
            if (cls in keras_json._KERAS_FIELDS or cls == "SpatialDropout1D") and isinstance(node.get("config"), dict):
                found.setdefault(cls, (where, node["config"]))
            for value in node.values():
                walk(value, where)
        elif isinstance(node, list):
            for value in node:
                walk(value, where)

    for path in sorted(glob.glob(os.path.join(SHARED, "*", "model.json"))):
        with open(path) as f:
            walk(json.load(f), os.path.basename(os.path.dirname(path)))
    return found


class KerasWrittenConfigTests(unittest.TestCase):
    def test_configs_match_what_keras_wrote(self):
        found = _keras_configs()
        if not found:
            self.skipTest(f"no Keras-written model.json with these layers under {SHARED} (shared data absent)")
        for cls, (where, config) in found.items():
            with self.subTest(layer=cls, model=where):
                options = {k: v for k, v in config.items() if k not in _BASE or k == "name"}
                mine = keras_json.layer_config(cls, options)
                self.assertEqual(list(mine), list(config))
                self.assertEqual(mine, config)


class OperationTests(unittest.TestCase):
    def test_operation_node_as_keras_records_it(self):
        model = keras_json.functional_model_json(
            [("x", [None, 4, 2])], [("ops.NotEqual", {}, ["x", 0.0], {}), ("ops.Any", dict(axis=-1, keepdims=False),
                                                                          ["not_equal"], {})], ["any"])
        entry = model["config"]["layers"][2]
        self.assertEqual(entry["module"], "keras.src.ops.numpy")
        self.assertEqual(entry["class_name"], "Any")
        self.assertEqual(entry["registered_name"], "Any")
        self.assertEqual(entry["config"], {"name": "any", "axis": -1, "keepdims": False})
        self.assertEqual(model["config"]["layers"][1]["inbound_nodes"][0]["args"][1], 0.0)


if __name__ == "__main__":
    unittest.main()
