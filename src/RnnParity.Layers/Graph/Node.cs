namespace RnnParity.Layers.Graph;

/// <summary>One call of a layer on symbolic tensors: its inputs (positional, then initial states) and outputs.</summary>
public sealed class Node
{
    internal Node(Layer layer, IReadOnlyList<KerasTensor> inputs)
    {
        Layer = layer;
        Inputs = inputs;
    }

    public Layer Layer { get; }

    public IReadOnlyList<KerasTensor> Inputs { get; }

    public IReadOnlyList<KerasTensor> Outputs { get; internal set; } = [];
}
