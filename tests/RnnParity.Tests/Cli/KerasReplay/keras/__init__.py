"""A stand-in `keras` for the CLI tests: it "loads" any model file as the committed fixture case named by
RNNPARITY_REPLAY_CASE and replays what Keras recorded there (model.to_json, weights, summary, shapes, and the
recorded outputs for the recorded inputs). RNNPARITY_REPLAY_DRIFT adds that much to the outputs from the
third timestep on, to play a model that C# does not reproduce. It lets `rnnparity check` run end to end,
capture and verify, on a machine without Keras; it is no Keras, and computes nothing."""
import json
import os
import types

import numpy as np

__version__ = "0-replay"

_CASE = os.environ["RNNPARITY_REPLAY_CASE"]


def _read(name):
    with open(os.path.join(_CASE, name), encoding="utf-8") as f:
        return f.read()


class _Tensor:
    def __init__(self, shape, dtype="float32", name="input_layer"):
        self.shape, self.dtype, self.name = tuple(shape), dtype, name


class _Variable:
    def __init__(self, entry):
        self.path, self.name = entry["path"], entry["name"]
        self.value = np.load(os.path.join(_CASE, entry["file"]))
        self.shape = self.value.shape


class _Layer:
    def __init__(self, expected, weights):
        self.name = expected["name"]
        self.weights = weights
        self.output = _Tensor(expected["output_shapes"][0])
        self._params = expected["params"]
        self._inbound_nodes = []

    def count_params(self):
        return self._params


class Sequential:
    def __init__(self):
        self._doc = json.loads(_read("case.json"))
        config = json.loads(_read(self._doc["model"]))
        first = config["config"]["layers"][0]["config"]
        self.inputs = [_Tensor(first["batch_shape"], first.get("dtype", "float32"))]
        self.weights = [_Variable(w) for w in self._doc["weights"]]
        expected = self._doc["expected"]
        self.layers = []
        for e in expected["layers"]:
            cls = type(e["class_name"], (_Layer,), {})
            self.layers.append(cls(e, [v for v, w in zip(self.weights, self._doc["weights"]) if w["layer"] == e["name"]]))
        self.output_shape = tuple(expected["output_shapes"][0])
        self.trainable_weights, self.non_trainable_weights = self.weights, []

    def __call__(self, x, training=None):
        run = self._doc["runs"][0]
        recorded = np.load(os.path.join(_CASE, run["inputs"][0]["file"]))
        if training is not False or not np.array_equal(np.asarray(x), recorded):
            raise ValueError("the replay stand-in only answers model(recorded input, training=False)")
        y = np.load(os.path.join(_CASE, run["outputs"][0]["file"]))
        drift = float(os.environ.get("RNNPARITY_REPLAY_DRIFT", "0"))
        if drift:
            y = y.copy()
            y[:, 2:] += np.float32(drift)
        return y

    def get_weights(self):
        return [v.value for v in self.weights]

    def count_params(self):
        return self._doc["expected"]["total_params"]

    def summary(self, line_length=None, print_fn=None):
        print_fn(_read(self._doc["expected"]["summary"]))

    def to_json(self):
        return _read(self._doc["model"])


def _load_model(path, safe_mode=True, compile=True, custom_objects=None):
    if safe_mode is not True or compile is not False:
        raise ValueError(f"capture must load with safe_mode=True, compile=False, not {safe_mode}, {compile}")
    return Sequential()


saving = types.SimpleNamespace(load_model=_load_model)
utils = types.SimpleNamespace(clear_session=lambda: None)
ops = types.SimpleNamespace(convert_to_numpy=np.asarray)
backend = types.SimpleNamespace(backend=lambda: "replay")
