using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Merging;

/// <summary>
/// Keras's <c>Concatenate(axis=-1)</c>: joins the inputs along <c>axis</c>; every other dimension
/// must agree. Mask (Keras's <c>compute_mask</c>): none when no input has one; otherwise each input's
/// mask is spread over its features (an unmasked input counts as all kept), those are concatenated
/// along <c>axis</c> and reduced with any() over the last axis. So along the feature axis the output
/// mask is the OR of the masks (all kept as soon as one input is unmasked); along the steps axis the
/// masks are concatenated.
/// </summary>
public sealed class Concatenate(int axis = -1, string? name = null) : Layer(name)
{
    public int Axis { get; } = axis;

    int NormalizedAxis(int rank, string option) =>
        Axis >= -rank && Axis < rank && rank > 0 ? (Axis % rank + rank) % rank
            : throw Error(option, $"axis {Axis} is out of range for inputs of rank {rank}.");

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        if (inputShapes.Count < 1)
            throw Error("inputs", "a Concatenate layer should be called on a list of at least 1 input; got none.");
        int rank = inputShapes[0].Length;
        int axis = NormalizedAxis(rank, "axis");
        string shapes = string.Join(", ", inputShapes.Select(s => ShapeUtil.Format(s)));
        if (inputShapes.Any(s => s.Length != rank))
            throw Error("inputs", $"a Concatenate layer requires inputs with matching shapes except for the concatenation axis; got {shapes}.");
        var output = (int?[])inputShapes[0].Clone();
        for (int d = 0; d < rank; d++)
        {
            if (d == axis) continue;
            var known = inputShapes.Select(s => s[d]).Where(v => v is not null).Distinct().ToList();
            if (known.Count > 1)
                throw Error("inputs", $"a Concatenate layer requires inputs with matching shapes except for the concatenation axis; got {shapes}.");
        }
        output[axis] = inputShapes.Any(s => s[axis] is null) ? null : inputShapes.Sum(s => s[axis]!.Value);
        return [output];
    }

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        int rank = inputs[0].Rank;
        int axis = NormalizedAxis(rank, "axis");
        int[] shape = (int[])inputs[0].Shape.Clone();
        shape[axis] = 0;
        foreach (Tensor x in inputs)
        {
            bool fits = x.Rank == rank && Enumerable.Range(0, rank).All(d => d == axis || x.Shape[d] == shape[d]);
            if (!fits)
                throw Error("inputs", $"inputs must match except along axis {Axis}; got {string.Join(", ", inputs.Select(t => ShapeUtil.Format(t.Shape)))}.");
            shape[axis] += x.Shape[axis];
        }
        var y = new Tensor(shape);
        int outer = (int)ShapeUtil.Size(shape.AsSpan(0, axis));
        int rowLength = (int)ShapeUtil.Size(shape.AsSpan(axis));
        int at = 0;
        foreach (Tensor x in inputs)
        {
            int chunk = (int)ShapeUtil.Size(x.Shape.AsSpan(axis));
            for (int o = 0; o < outer; o++) x.Data.AsSpan(o * chunk, chunk).CopyTo(y.Data.AsSpan(o * rowLength + at, chunk));
            at += chunk;
        }
        y.Mask = OutputMask(inputs, shape, axis);
        return [y];
    }

    bool[]? OutputMask(IReadOnlyList<Tensor> inputs, int[] shape, int axis)
    {
        if (inputs.All(t => t.Mask is null)) return null;
        int rank = shape.Length;
        if (rank < 2)
            throw new NotSupportedYetException(Name, ClassName, "mask", $"a mask on rank-{rank} inputs.");
        var masks = inputs.Select(t => MaskOf(t)).ToList();
        int[] maskShape = shape[..^1];
        var result = new bool[ShapeUtil.Size(maskShape)];
        if (axis == rank - 1)
        {
            // Along the features: any() over the joined features is the OR over inputs that have any feature.
            for (int i = 0; i < inputs.Count; i++)
                if (inputs[i].Shape[^1] > 0)
                    for (int k = 0; k < result.Length; k++) result[k] |= masks[i][k];
            return result;
        }
        int outer = (int)ShapeUtil.Size(maskShape.AsSpan(0, axis));
        int rowLength = (int)ShapeUtil.Size(maskShape.AsSpan(axis));
        int at = 0;
        for (int i = 0; i < inputs.Count; i++)
        {
            int chunk = (int)ShapeUtil.Size(inputs[i].Shape.AsSpan(axis, rank - 1 - axis));
            bool hasFeatures = inputs[i].Shape[^1] > 0;
            for (int o = 0; o < outer; o++)
            {
                Span<bool> target = result.AsSpan(o * rowLength + at, chunk);
                if (hasFeatures) masks[i].AsSpan(o * chunk, chunk).CopyTo(target);
            }
            at += chunk;
        }
        return result;
    }

    /// <summary>The input's mask over its leading axes; all kept for an unmasked input (Keras's ones_like).</summary>
    bool[] MaskOf(Tensor x)
    {
        long size = ShapeUtil.Size(x.Shape.AsSpan(0, x.Rank - 1));
        if (x.Mask is null) { var all = new bool[size]; Array.Fill(all, true); return all; }
        if (x.Mask.Length != size)
            throw Error("mask", $"expected a mask over the leading axes of {ShapeUtil.Format(x.Shape)}, got {x.Mask.Length} values.");
        return x.Mask;
    }
}
