using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Reshaping;

/// <summary>
/// Keras's <c>Cropping1D(cropping)</c>: drops <c>cropping.Start</c> steps at the start and <c>cropping.End</c>
/// at the end of axis 1 of a <c>(batch, steps, features)</c> input; at least one step must remain.
/// Drops the mask (no masking support in Keras).
/// </summary>
public sealed class Cropping1D : Layer
{
    /// <summary>The same cropping at both ends (Keras's integer <c>cropping</c>; its default is (1, 1)).</summary>
    public Cropping1D(int cropping, string? name = null) : this((cropping, cropping), name) { }

    public Cropping1D((int Start, int End) cropping, string? name = null) : base(name)
    {
        if (cropping.Start < 0 || cropping.End < 0)
            throw Error("cropping", $"expected a tuple of 2 integers >= 0, got ({cropping.Start}, {cropping.End}).");
        Cropping = cropping;
    }

    public Cropping1D(string? name = null) : this((1, 1), name) { }

    public (int Start, int End) Cropping { get; }

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        int?[] s = inputShapes[0];
        CheckRank(s.Length, () => ShapeUtil.Format(s));
        return [[s[0], s[1] is int n ? Length(n, () => ShapeUtil.Format(s)) : null, s[2]]];
    }

    void CheckRank(int rank, Func<string> shape)
    {
        if (rank != 3) throw Error("inputs", $"expected ndim=3, found ndim={rank}; full shape received: {shape()}.");
    }

    int Length(int steps, Func<string> shape)
    {
        int length = steps - Cropping.Start - Cropping.End;
        return length > 0 ? length
            : throw Error("cropping", $"must be smaller than the input length: input shape {shape()}, cropping ({Cropping.Start}, {Cropping.End}).");
    }

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        CheckRank(x.Rank, () => ShapeUtil.Format(x.Shape));
        int batch = x.Shape[0], steps = x.Shape[1], features = x.Shape[2];
        int length = Length(steps, () => ShapeUtil.Format(x.Shape));
        var y = new Tensor(batch, length, features);
        for (int b = 0; b < batch; b++)
            x.Data.AsSpan((b * steps + Cropping.Start) * features, length * features).CopyTo(y.Data.AsSpan(b * length * features));
        return [y];
    }
}
