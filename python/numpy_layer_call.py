"""Runs one layer of the numpy_layers registry for the C# parity tests
(tests/RnnParity.Tests/Python/Parity/Layers): config as JSON, one input, its
(batch, timesteps) mask as 0/1 floats or None. Not reference math itself."""
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
