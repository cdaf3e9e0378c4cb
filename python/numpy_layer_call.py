"""One call of a layer of the numpy_layers registry, for the C# parity tests.

run(class_name, config_json, weights, inputs, masks, call_kwargs_json) ->
    (outputs, output_masks): lists of numpy arrays (masks as float32 0/1, or None).
Weights and inputs arrive as float32 numpy arrays, masks as float32 0/1 arrays
(or None), all in lists; weight_shapes_json, when given, is the list of the
weights' true shapes (the bridge sends 0-d weights as shape (1,)).
"""
import json

import numpy as np

from numpy_layers import REGISTRY


def run(class_name, config_json, weights, inputs, masks, call_kwargs_json="{}", weight_shapes_json=None):
    spec = REGISTRY[class_name]
    if weight_shapes_json is not None:
        # The bridge cannot make 0-d arrays: scalar weights come as shape (1,) with their real shape here.
        weights = [np.asarray(w).reshape(tuple(s)) for w, s in zip(weights, json.loads(weight_shapes_json))]
    masks = [None if m is None else np.asarray(m) > 0.5 for m in masks]
    outputs, out_masks = spec.call(json.loads(config_json), list(weights), list(inputs), masks, **json.loads(call_kwargs_json))
    return ([np.ascontiguousarray(o, dtype=np.float32) for o in outputs],
            [None if m is None else np.asarray(m, np.float32) for m in out_masks])
