"""Calls of layers of the numpy_layers registry, for the C# parity tests
(tests/RnnParity.Tests/Python/Parity/Layers). Not reference math itself.

shapes(class_name, config_json, input_shape_json) -> JSON of weight and output shapes.
call_layer(class_name, config_json, weights, x, mask) -> (output, output mask): one input,
    its (batch, timesteps) mask as 0/1 floats or None.
run(class_name, config_json, weights, inputs, masks, call_kwargs_json) ->
    (outputs, output_masks): lists of numpy arrays (masks as float32 0/1, or None);
    weight_shapes_json, when given, is the list of the weights' true shapes (the
    bridge sends 0-d weights as shape (1,)).
"""
import json

import numpy as np

from numpy_layers import REGISTRY


def shapes(class_name, config_json, input_shape_json):
    """JSON {"weights": [[name, shape], ...], "outputs": [shape, ...]} for one input shape."""
    spec = REGISTRY[class_name]
    config = json.loads(config_json)
    input_shapes = [json.loads(input_shape_json)]
    weights = [[name, list(shape)] for name, shape in spec.weight_shapes(config, input_shapes)]
    return json.dumps({"weights": weights, "outputs": spec.output_shapes(config, input_shapes)})


def call_layer(class_name, config_json, weights, x, mask):
    """(output as float32, output mask as 0/1 float32 or None)."""
    spec = REGISTRY[class_name]
    m = None if mask is None else np.asarray(mask) > 0.5
    outputs, masks = spec.call(json.loads(config_json), list(weights), [np.asarray(x)], [m])
    out_mask = masks[0]
    return (np.ascontiguousarray(outputs[0], dtype=np.float32),
            None if out_mask is None else np.ascontiguousarray(out_mask, dtype=np.float32))


def run(class_name, config_json, weights, inputs, masks, call_kwargs_json="{}", weight_shapes_json=None):
    spec = REGISTRY[class_name]
    if weight_shapes_json is not None:
        # The bridge cannot make 0-d arrays: scalar weights come as shape (1,) with their real shape here.
        weights = [np.asarray(w).reshape(tuple(s)) for w, s in zip(weights, json.loads(weight_shapes_json))]
    masks = [None if m is None else np.asarray(m) > 0.5 for m in masks]
    outputs, out_masks = spec.call(json.loads(config_json), list(weights), list(inputs), masks, **json.loads(call_kwargs_json))
    return ([np.ascontiguousarray(o, dtype=np.float32) for o in outputs],
            [None if m is None else np.asarray(m, np.float32) for m in out_masks])
