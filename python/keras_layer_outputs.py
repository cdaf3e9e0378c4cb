"""Every layer's outputs for every run of a case, computed by Keras itself, for rnnparity diff's
layer-by-layer check (the same result as numpy_runner.layer_outputs).

The model is built as keras_reference.compute builds it (clear_session, model_from_json of the
case's model.json, set_weights in get_weights() order); a probe model over the same layers
(keras.Model(model.inputs, every layer call's output tensors)) then runs each run with
training=False, stateful layers reset where the run says reset_states (the probe shares the
layers, so their states carry from run to run as in the case). Each call of a shared layer is one
entry, in inbound-node order. Raises keras_reference.KerasUnavailable when keras does not
import, case_io.CaseError when the case cannot be read or Keras cannot build it.
"""
import os

import numpy as np

import case_io
import keras_reference


def _outputs_of(node):
    tensors = node.output_tensors
    return list(tensors) if isinstance(tensors, (list, tuple)) else [tensors]


def layer_outputs(case_dir):
    case_dir = os.fspath(case_dir)
    doc = case_io.read_case(case_dir)
    model_text = open(case_io.plain_file(case_dir, doc["model"], "model"), encoding="utf-8").read()
    weights = case_io.load_weights(case_dir, doc)
    run_inputs = case_io.load_run_inputs(case_dir, doc)
    keras = keras_reference.import_keras()
    try:
        keras.utils.clear_session()
        model = keras.models.model_from_json(model_text)
        model.set_weights([a for _, a in weights])
    except Exception as e:
        case_io.fail(case_dir, doc["model"], None, f"Keras cannot build the model with the case's weights: {type(e).__name__}: {e}")

    entries, probes = [], []
    for layer in model.layers:
        if type(layer).__name__ == "InputLayer":
            continue
        # A freshly built model's layers have been called only in its graph: each inbound node is one call.
        for call, node in enumerate(layer._inbound_nodes):
            outs = _outputs_of(node)
            entries.append((layer.name, type(layer).__name__, call, len(outs)))
            probes.extend(outs)
    try:
        probe = keras.Model(model.inputs, probes)
    except Exception as e:
        case_io.fail(case_dir, doc["model"], None, f"Keras cannot expose every layer's outputs: {type(e).__name__}: {e}")

    runs = []
    for run, inputs in zip(doc["runs"], run_inputs):
        if run.get("reset_states"):
            keras_reference.reset_stateful_layers(model)
        x = inputs[0] if len(inputs) == 1 else list(inputs)
        values = probe(x, training=False)
        values = list(values) if isinstance(values, (list, tuple)) else [values]
        layers, at = [], 0
        for name, class_name, call, count in entries:
            outs = [np.asarray(keras.ops.convert_to_numpy(v), dtype=np.float32) for v in values[at:at + count]]
            at += count
            layers.append({"name": name, "class_name": class_name, "call": call, "outputs": outs})
        runs.append(layers)
    return {"runs": runs, "unchecked": [], "version": keras_reference.keras_version(keras)}

