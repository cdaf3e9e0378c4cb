using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Basic;

/// <summary>Keras's <c>InputLayer</c>: a model input with its batch shape (<c>null</c> where unknown).</summary>
public sealed class InputLayer : Layer
{
    public InputLayer(int?[] batchShape, string dtype = "float32", string? name = null) : base(name)
    {
        BatchShape = batchShape;
        DType = dtype;
        Build([batchShape]);
    }

    public int?[] BatchShape { get; }

    /// <summary>Keras's input dtype; integer inputs (for Embedding) are carried as exact float32 values.</summary>
    public string DType { get; }

    /// <summary>The symbolic tensor this input feeds into a functional model (created once).</summary>
    public Graph.KerasTensor CreateInputTensor() => InboundNodes.Count > 0 ? InboundNodes[0].Outputs[0] : AddInputNode(BatchShape).Outputs[0];

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes) => [BatchShape];

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        if (!ShapeUtil.Matches(BatchShape, x.Shape))
            throw Error("batch_shape", $"expected input of shape {ShapeUtil.Format(BatchShape)}, got {ShapeUtil.Format(x.Shape)}.");
        return inputs;
    }
}
