using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Wrappers;

/// <summary>
/// Keras's <c>TimeDistributed</c>: the inner layer applied to every timestep, by folding
/// (batch, timesteps) into one batch dimension. The timestep mask passes through.
/// </summary>
public sealed class TimeDistributed : Layer
{
    public TimeDistributed(Layer layer, string? name = null) : base(name)
    {
        Layer = layer ?? throw new ArgumentNullException(nameof(layer));
    }

    public Layer Layer { get; }

    public override IReadOnlyList<string> CallKeywords => ["mask"];

    public override IReadOnlyList<Variable> Weights => Layer.Weights;

    public override IEnumerable<(string Path, Variable Weight)> WeightPaths() => Layer.WeightPaths().Select(p => ($"{Name}/{p.Path}", p.Weight));

    protected override void BuildCore(IReadOnlyList<int?[]> inputShapes)
    {
        int?[] s = inputShapes[0];
        if (s.Length < 3) throw Error("input_shape", $"expected at least (batch, timesteps, features), got {ShapeUtil.Format(s)}.");
        Layer.Build([[s[0] * s[1], .. s[2..]]]);
    }

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        int?[] s = inputShapes[0];
        int?[] inner = Layer.ComputeOutputShapes([[null, .. s[2..]]])[0];
        return [[s[0], s[1], .. inner[1..]]];
    }

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        int batch = x.Shape[0], steps = x.Shape[1];
        var folded = new Tensor([batch * steps, .. x.Shape[2..]], x.Data);
        Tensor y = Layer.Call(folded);
        return [new Tensor([batch, steps, .. y.Shape[1..]], y.Data) { Mask = x.Mask }];
    }
}
