using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Reshaping;

/// <summary>
/// Keras's <c>RepeatVector(n)</c>: <c>(batch, features)</c> → <c>(batch, n, features)</c>, every step a copy
/// of the input row. Drops the mask (no masking support in Keras).
/// </summary>
public sealed class RepeatVector : Layer
{
    public RepeatVector(int n, string? name = null) : base(name) =>
        N = n > 0 ? n : throw Error("n", $"should be a positive integer, got {n}.");

    /// <summary>The repetition factor.</summary>
    public int N { get; }

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        int?[] s = inputShapes[0];
        if (s.Length != 2) throw Error("inputs", $"expected ndim=2 (batch, features), found ndim={s.Length}; full shape received: {ShapeUtil.Format(s)}.");
        return [[s[0], N, s[1]]];
    }

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        if (x.Rank != 2) throw Error("inputs", $"expected ndim=2 (batch, features), found ndim={x.Rank}; full shape received: {ShapeUtil.Format(x.Shape)}.");
        int batch = x.Shape[0], features = x.Shape[1];
        var y = new Tensor(batch, N, features);
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<float> row = x.Data.AsSpan(b * features, features);
            for (int t = 0; t < N; t++) row.CopyTo(y.Data.AsSpan((b * N + t) * features, features));
        }
        return [y];
    }
}
