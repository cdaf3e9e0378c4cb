using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Reshaping;

/// <summary>
/// Keras's <c>Permute(dims)</c>: <c>transpose(x, (0, *dims))</c>, <c>dims</c> counted from 1
/// (the batch axis stays first). Drops the mask (no masking support in Keras).
/// </summary>
public sealed class Permute : Layer
{
    public Permute(int[] dims, string? name = null) : base(name)
    {
        ArgumentNullException.ThrowIfNull(dims);
        if (!dims.Order().SequenceEqual(Enumerable.Range(1, dims.Length)))
            throw Error("dims", $"the set of indices must be consecutive and start from 1, got {ShapeUtil.Format(dims)}.");
        Dims = (int[])dims.Clone();
    }

    /// <summary>The permutation of the non-batch axes, 1-based.</summary>
    public IReadOnlyList<int> Dims { get; }

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        int?[] s = inputShapes[0];
        CheckRank(s.Length, () => ShapeUtil.Format(s));
        return [[s[0], .. Dims.Select(d => s[d])]];
    }

    void CheckRank(int rank, Func<string> shape)
    {
        if (rank != Dims.Count + 1) throw Error("inputs", $"expected ndim={Dims.Count + 1}, found ndim={rank}; full shape received: {shape()}.");
    }

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        CheckRank(x.Rank, () => ShapeUtil.Format(x.Shape));
        int[] axes = [0, .. Dims];
        var y = new Tensor(Transposition.Shape(x.Shape, axes));
        Transposition.Transpose(x.Data, x.Shape, axes, y.Data);
        return [y];
    }
}
