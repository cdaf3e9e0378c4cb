"""Keras models used as layers: a Sequential or Functional inside a model (or inside TimeDistributed).

Keras 3.15.1 (keras/src/models/functional.py): Functional.call(inputs, mask=...) attaches the
given masks to its inputs and runs its graph; its outputs keep the masks its own layers gave them
(a model does not override compute_mask, so nothing else is set). Weights: every inner layer's,
in the inner model.layers order, named "<inner layer>/<weight>". The graph is run by
numpy_runner, imported when first needed (numpy_runner imports this package).
"""


def _runner():
    import numpy_runner
    return numpy_runner


def _graph(config):
    name = config.get("name", "model")
    return _runner().nested_graph(config, f"nested model {name}"), f"nested model {name}"


class NestedModel:
    # Functional.call(inputs, mask=[...]) sets each given mask on its input; None leaves the input's own.
    mask_style = "model_inputs"
    mask_list_lengths = None   # any length: Keras zips the flattened masks with the inputs

    @staticmethod
    def weight_shapes(config, input_shapes):
        graph, where = _graph(config)
        _runner().nested_symbolic(graph, input_shapes, where)
        return [(f"{layer.name}/{w}", s) for layer in graph.layers for w, s in (layer.weight_shapes or [])]

    @staticmethod
    def output_shapes(config, input_shapes):
        graph, where = _graph(config)
        return _runner().nested_symbolic(graph, input_shapes, where)

    @staticmethod
    def call(config, weights, inputs, masks, state=None):
        graph, where = _graph(config)
        runner = _runner()
        runner.nested_symbolic(graph, [list(x.shape) for x in inputs], where)
        return runner.nested_call(graph, weights, inputs, masks, state if state is not None else {}, where)


LAYERS = {"Sequential": NestedModel, "Functional": NestedModel}
