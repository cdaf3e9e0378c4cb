using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Merging;

/// <summary>
/// Keras's <c>Merge</c> base (<c>keras/src/layers/merging/base_merge.py</c>) for the element-wise
/// merges: inputs of equal batch size whose other dimensions broadcast as NumPy does (an input of
/// lower rank gains axes of size 1 right after the batch axis). Masks: the output mask is the
/// <b>OR</b> of the input masks when every input has one, else none (Keras's <c>compute_mask</c>).
/// </summary>
public abstract class Merge(string? name) : Layer(name)
{
    /// <summary>Inputs the layer takes: at least <see cref="MinInputs"/>, at most <see cref="MaxInputs"/>.</summary>
    private protected virtual int MinInputs => 1;

    private protected virtual int MaxInputs => int.MaxValue;

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        CheckCount(inputShapes.Count);
        var batches = inputShapes.Where(s => s.Length > 0 && s[0] is not null).Select(s => s[0]).Distinct().ToList();
        if (batches.Count > 1)
            throw Error("inputs", $"cannot merge tensors with different batch sizes; got shapes {Shapes(inputShapes)}.");
        int?[] shape = inputShapes[0].Length == 0 ? [] : inputShapes[0][1..];
        foreach (int?[] s in inputShapes.Skip(1))
            shape = ElementwiseShape(shape, s.Length == 0 ? [] : s[1..]) ?? throw Error("inputs", $"inputs have incompatible shapes; got {Shapes(inputShapes)}.");
        return [[batches.Count == 1 ? batches[0] : null, .. shape]];
    }

    /// <summary>Keras's <c>_compute_elemwise_op_output_shape</c>: right-aligned; an unknown dimension stays unknown.</summary>
    static int?[]? ElementwiseShape(int?[] a, int?[] b)
    {
        if (a.Length < b.Length) (a, b) = (b, a);
        var result = new List<int?>(a[..^b.Length]);
        for (int k = 0; k < b.Length; k++)
        {
            int? i = a[a.Length - b.Length + k], j = b[k];
            if (i is null || j is null) result.Add(null);
            else if (i == 1) result.Add(j);
            else if (j == 1) result.Add(i);
            else if (i != j) return null;
            else result.Add(i);
        }
        return [.. result];
    }

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        CheckCount(inputs.Count);
        int[] shape = Broadcast.Shape(inputs.Select(AlignedShape(inputs)))
            ?? throw Error("inputs", $"inputs have incompatible shapes; got {string.Join(", ", inputs.Select(t => ShapeUtil.Format(t.Shape)))}.");
        bool sameRank = inputs.All(t => t.Rank == inputs[0].Rank);
        var values = new float[inputs.Count][];
        var masks = new bool[]?[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
        {
            Tensor x = inputs[i];
            values[i] = Broadcast.To(x.Data, AlignedShape(inputs)(x), shape);
            // Keras sees the masks inside the merge only when no input had to be reshaped to a common rank.
            if (sameRank && x.Mask is { } m) masks[i] = Broadcast.To(m, ExpandedMaskShape(x), shape);
        }
        var y = new Tensor(shape, Combine(values, masks));
        y.Mask = OutputMask(inputs, shape);
        return [y];
    }

    /// <summary>Computes the output values from the inputs stretched to the output shape; <paramref name="masks"/>
    /// holds, per input, its mask stretched to the output shape (null for an unmasked input).</summary>
    private protected abstract float[] Combine(float[][] values, bool[]?[] masks);

    /// <summary>The OR of the masks, or null when some input has none.</summary>
    bool[]? OutputMask(IReadOnlyList<Tensor> inputs, int[] shape)
    {
        if (inputs.Any(t => t.Mask is null)) return null;
        if (inputs.Any(t => t.Rank != inputs[0].Rank))
            throw new NotSupportedYetException(Name, ClassName, "mask", $"masked inputs of different ranks ({string.Join(", ", inputs.Select(t => ShapeUtil.Format(t.Shape)))}).");
        int[] maskShape = shape[..^1];
        var result = new bool[ShapeUtil.Size(maskShape)];
        foreach (Tensor x in inputs)
        {
            bool[] m = Broadcast.To(CheckedMask(x), x.Shape[..^1], maskShape);
            for (int k = 0; k < result.Length; k++) result[k] |= m[k];
        }
        return result;
    }

    /// <summary>The mask of <paramref name="x"/> over its shape: the (batch, steps) values repeated along the features.</summary>
    int[] ExpandedMaskShape(Tensor x)
    {
        CheckedMask(x);
        return [.. x.Shape[..^1], 1];
    }

    bool[] CheckedMask(Tensor x)
    {
        bool[] m = x.Mask!;
        if (x.Rank < 2 || m.Length != ShapeUtil.Size(x.Shape.AsSpan(0, x.Rank - 1)))
            throw Error("mask", $"expected a mask over the leading axes of {ShapeUtil.Format(x.Shape)}, got {m.Length} values.");
        return m;
    }

    /// <summary>Each input's shape with axes of size 1 inserted after the batch axis up to the highest rank (Keras's reshape).</summary>
    static Func<Tensor, int[]> AlignedShape(IReadOnlyList<Tensor> inputs)
    {
        int rank = inputs.Max(t => t.Rank);
        return t => t.Rank == rank || t.Rank == 0 ? t.Shape : [t.Shape[0], .. Enumerable.Repeat(1, rank - t.Rank), .. t.Shape[1..]];
    }

    void CheckCount(int count)
    {
        if (count < MinInputs || count > MaxInputs)
        {
            string expected = MinInputs == MaxInputs ? $"exactly {MinInputs}" : $"at least {MinInputs}";
            throw Error("inputs", $"a {ClassName} layer should be called on {expected} inputs; got {count}.");
        }
    }

    private protected static string Shapes(IReadOnlyList<int?[]> shapes) => string.Join(", ", shapes.Select(s => ShapeUtil.Format(s)));
}
