namespace RnnParity.Layers.Graph;

/// <summary>
/// A symbolic tensor of a functional model: its shape and where it came from
/// (Keras's <c>keras_history</c>: layer, node index, tensor index).
/// </summary>
public sealed class KerasTensor
{
    internal KerasTensor(int?[] shape, Layer layer, int nodeIndex, int tensorIndex)
    {
        Shape = shape;
        Layer = layer;
        NodeIndex = nodeIndex;
        TensorIndex = tensorIndex;
    }

    public int?[] Shape { get; }

    public Layer Layer { get; }

    public int NodeIndex { get; }

    public int TensorIndex { get; }

    internal Node Node => Layer.InboundNodes[NodeIndex];

    /// <summary>Keras's "Connected to" spelling: <c>input_layer[0][0]</c>.</summary>
    public string HistoryLabel => $"{Layer.Name}[{NodeIndex}][{TensorIndex}]";

    public override string ToString() => $"<KerasTensor shape={Core.Tensors.ShapeUtil.Format(Shape)}, name={HistoryLabel}>";
}
