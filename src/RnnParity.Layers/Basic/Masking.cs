using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Basic;

/// <summary>
/// Keras's <c>Masking</c>: a timestep whose features all equal <c>mask_value</c> is masked, and its
/// features are zeroed (Keras multiplies the input by the mask).
/// </summary>
public sealed class Masking(double maskValue = 0.0, string? name = null) : Layer(name)
{
    public double MaskValue { get; } = maskValue;

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes) => [inputShapes[0]];

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        if (x.Rank < 2) throw Error("inputs", $"expected at least (batch, timesteps, ...), got {ShapeUtil.Format(x.Shape)}.");
        int features = x.Rank == 2 ? 1 : x.Length / (x.Shape[0] * x.Shape[1]);
        int steps = x.Shape[0] * x.Shape[1];
        var y = new Tensor((int[])x.Shape.Clone(), (float[])x.Data.Clone());
        var mask = new bool[steps];
        float value = (float)MaskValue;
        for (int s = 0; s < steps; s++)
        {
            Span<float> row = y.Data.AsSpan(s * features, features);
            bool kept = false;
            foreach (float v in row) if (v != value) { kept = true; break; }
            mask[s] = kept;
            if (!kept) row.Clear();
        }
        y.Mask = mask;
        return [y];
    }
}
