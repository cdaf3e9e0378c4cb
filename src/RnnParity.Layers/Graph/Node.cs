namespace RnnParity.Layers.Graph;

/// <summary>One call of a layer on symbolic tensors: its arguments (<see cref="Call"/>) and outputs.</summary>
public sealed class Node
{
    internal Node(Layer layer, LayerCall? call)
    {
        Layer = layer;
        Call = call;
    }

    public Layer Layer { get; }

    /// <summary>The call's arguments; null for an input's own node.</summary>
    public LayerCall? Call { get; }

    /// <summary>Every graph tensor the call reads, in Keras's order (<see cref="LayerCall.Recorded"/>).</summary>
    public IReadOnlyList<KerasTensor> Inputs => Call?.Recorded ?? [];

    public IReadOnlyList<KerasTensor> Outputs { get; internal set; } = [];
}
