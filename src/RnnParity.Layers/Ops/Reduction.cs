using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Ops;

/// <summary>
/// Keras's reductions (<c>keras/src/ops/numpy.py</c>: <c>Any</c>, <c>All</c>, <c>Sum</c>, <c>Mean</c>,
/// <c>Max</c>, <c>Min</c>) over <c>axis</c> (null: every axis; an int; a list) with <c>keepdims</c>;
/// the output shape is Keras's <c>reduce_shape</c>.
/// </summary>
/// <remarks>Sums are accumulated in double and rounded once, so they may differ from NumPy's
/// float32 pairwise sum in the last bits; Any, All, Max and Min are exact.</remarks>
public abstract class Reduction : OpLayer
{
    protected Reduction(IReadOnlyList<int>? axis, bool keepdims, string? name) : base(name)
    {
        Axis = axis?.ToArray();
        Keepdims = keepdims;
    }

    /// <summary>The reduced axes as given (negative counts from the end); null for all.</summary>
    public IReadOnlyList<int>? Axis { get; }

    public bool Keepdims { get; }

    /// <summary>The start value, the fold of one element into the accumulator, and the final value for a count of elements.</summary>
    protected abstract double Start { get; }

    protected abstract double Fold(double accumulator, float x);

    protected virtual double Finish(double accumulator, long count) => accumulator;

    bool[] Reduced(int rank, string option)
    {
        var reduced = new bool[rank];
        if (Axis is null) Array.Fill(reduced, true);
        else
            foreach (int a in Axis)
            {
                int k = CanonicalAxis(a, rank, option);
                if (reduced[k]) throw Error(option, $"axis {a} is repeated.");
                reduced[k] = true;
            }
        return reduced;
    }

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        int?[] shape = inputShapes[0];
        bool[] reduced = Reduced(shape.Length, "axis");
        return [Keepdims ? shape.Select((d, i) => reduced[i] ? 1 : d).ToArray() : shape.Where((_, i) => !reduced[i]).ToArray()];
    }

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        int rank = x.Rank;
        bool[] reduced = Reduced(rank, "axis");
        int[] outShape = x.Shape.Select((d, i) => reduced[i] ? 1 : d).ToArray();
        long outLength = ShapeUtil.Size(outShape);
        var accumulators = new double[outLength];
        Array.Fill(accumulators, Start);
        // Output stride of each input axis (0 for a reduced one), walked with an odometer.
        var stride = new int[rank];
        int s = 1;
        for (int i = rank - 1; i >= 0; i--)
        {
            stride[i] = reduced[i] ? 0 : s;
            s *= outShape[i];
        }
        var index = new int[rank];
        int o = 0;
        for (int i = 0; i < x.Length; i++)
        {
            accumulators[o] = Fold(accumulators[o], x.Data[i]);
            for (int d = rank - 1; d >= 0; d--)
            {
                index[d]++;
                o += stride[d];
                if (index[d] < x.Shape[d]) break;
                o -= stride[d] * x.Shape[d];
                index[d] = 0;
            }
        }
        long count = outLength == 0 ? 0 : x.Length / outLength;
        var y = new Tensor(Keepdims ? outShape : outShape.Where((_, i) => !reduced[i]).ToArray());
        for (int i = 0; i < y.Length; i++) y.Data[i] = (float)Finish(accumulators[i], count);
        return [y];
    }
}

/// <summary><c>keras.ops.any</c>: true where any element along the axes is nonzero.</summary>
public sealed class Any(IReadOnlyList<int>? axis = null, bool keepdims = false, string? name = null) : Reduction(axis, keepdims, name)
{
    protected override double Start => 0;

    protected override double Fold(double accumulator, float x) => accumulator != 0 || x != 0f ? 1 : 0;
}

/// <summary><c>keras.ops.all</c>: true where every element along the axes is nonzero.</summary>
public sealed class All(IReadOnlyList<int>? axis = null, bool keepdims = false, string? name = null) : Reduction(axis, keepdims, name)
{
    protected override double Start => 1;

    protected override double Fold(double accumulator, float x) => accumulator != 0 && x != 0f ? 1 : 0;
}

/// <summary><c>keras.ops.sum</c>: Σ x along the axes (of booleans: the count).</summary>
public sealed class Sum(IReadOnlyList<int>? axis = null, bool keepdims = false, string? name = null) : Reduction(axis, keepdims, name)
{
    protected override double Start => 0;

    protected override double Fold(double accumulator, float x) => accumulator + x;
}

/// <summary><c>keras.ops.mean</c>: Σ x / n along the axes (NaN over no elements).</summary>
public sealed class Mean(IReadOnlyList<int>? axis = null, bool keepdims = false, string? name = null) : Reduction(axis, keepdims, name)
{
    protected override double Start => 0;

    protected override double Fold(double accumulator, float x) => accumulator + x;

    protected override double Finish(double accumulator, long count) => accumulator / count;
}

/// <summary><c>keras.ops.max</c>: the largest element along the axes (NaN propagates, as in NumPy).</summary>
public sealed class Max(IReadOnlyList<int>? axis = null, bool keepdims = false, string? name = null) : Reduction(axis, keepdims, name)
{
    protected override double Start => double.NegativeInfinity;

    protected override double Fold(double accumulator, float x) => double.IsNaN(accumulator) || float.IsNaN(x) ? double.NaN : Math.Max(accumulator, x);
}

/// <summary><c>keras.ops.min</c>: the smallest element along the axes (NaN propagates, as in NumPy).</summary>
public sealed class Min(IReadOnlyList<int>? axis = null, bool keepdims = false, string? name = null) : Reduction(axis, keepdims, name)
{
    protected override double Start => double.PositiveInfinity;

    protected override double Fold(double accumulator, float x) => double.IsNaN(accumulator) || float.IsNaN(x) ? double.NaN : Math.Min(accumulator, x);
}
