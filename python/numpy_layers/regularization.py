"""Keras 3 regularization layers in NumPy: identities at inference (training=False).

Each of them sets supports_masking = True in Keras 3 (keras/src/layers/regularization/),
so the input and its mask pass on unchanged. The C# side is
src/RnnParity.Layers/Regularization/InferenceIdentity.cs.
"""
from ._specs import ShapePreserving


class _Identity(ShapePreserving):
    @staticmethod
    def call(config, weights, inputs, masks):
        return [inputs[0]], [masks[0] if masks else None]


LAYERS = {name: _Identity for name in ("Dropout", "SpatialDropout1D",
                                       "GaussianNoise", "GaussianDropout", "AlphaDropout",
                                       "ActivityRegularization")}
