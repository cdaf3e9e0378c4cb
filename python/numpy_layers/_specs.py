"""Bases for the layer specs that share the protocol's boilerplate (numpy_layers/__init__.py)."""


class Weightless:
    """A spec without weights (operations, inference identities)."""

    @staticmethod
    def weight_shapes(config, input_shapes):
        return []


class ShapePreserving(Weightless):
    """A weightless spec whose one output has its first input's shape."""

    @staticmethod
    def output_shapes(config, input_shapes):
        return [list(input_shapes[0])]
