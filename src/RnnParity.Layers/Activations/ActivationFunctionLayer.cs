using RnnParity.Core.Tensors;
using CoreActivation = RnnParity.Core.Activations.Activation;

namespace RnnParity.Layers.Activations;

/// <summary>
/// A layer that applies one activation function over the last axis: output shape = input shape, and
/// the mask passes on unchanged (Keras's activation layers set <c>supports_masking = True</c> and keep
/// the default <c>compute_mask</c>).
/// </summary>
public abstract class ActivationFunctionLayer(string? name) : Layer(name)
{
    /// <summary>The function applied, with the layer's arguments bound.</summary>
    public abstract CoreActivation Function { get; }

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes) => [inputShapes[0]];

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        var y = new Tensor((int[])x.Shape.Clone(), (float[])x.Data.Clone());
        if (y.Length > 0) Function.ApplyRows(y.Data, x.Rank == 0 ? 1 : x.Shape[^1]);
        y.Mask = x.Mask;
        return [y];
    }
}
