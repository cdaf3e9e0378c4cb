using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Reshaping;

/// <summary>
/// Keras's <c>Reshape(target_shape)</c>: <c>(batch, ...)</c> → <c>(batch, *target_shape)</c> in row-major
/// order; one entry may be -1, inferred from the size. Drops the mask (no masking support in Keras).
/// </summary>
public sealed class Reshape : Layer
{
    public Reshape(int[] targetShape, string? name = null) : base(name)
    {
        ArgumentNullException.ThrowIfNull(targetShape);
        // Keras's validate_reshape_shape: entries >= 0, or a single -1.
        if (targetShape.Any(d => d < -1))
            throw Error("target_shape", $"each dimension must be a non-negative integer, or -1 for a single unknown dimension; got {ShapeUtil.Format(targetShape)}.");
        if (targetShape.Count(d => d == -1) > 1)
            throw Error("target_shape", $"there must be at most one unknown dimension (-1); got {ShapeUtil.Format(targetShape)}.");
        TargetShape = (int[])targetShape.Clone();
    }

    public IReadOnlyList<int> TargetShape { get; }

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        int?[] s = inputShapes[0];
        if (s.Length < 1) throw Error("inputs", "expected at least a batch axis.");
        return [[s[0], .. Resolve(s[1..])]];
    }

    /// <summary>Keras's <c>compute_reshape_output_shape</c>: the -1 becomes a size, or None when the input has an unknown dimension.</summary>
    int?[] Resolve(int?[] input)
    {
        if (input.Any(d => d is null)) return TargetShape.Select(d => d == -1 ? null : (int?)d).ToArray();
        long inputSize = ShapeUtil.Size(input.Select(d => d!.Value).ToArray());
        long known = 1;
        foreach (int d in TargetShape) if (d != -1) known *= d;
        if (!TargetShape.Contains(-1))
        {
            if (known != inputSize) throw SizeError(input);
            return TargetShape.Select(d => (int?)d).ToArray();
        }
        if (known == 0 || inputSize % known != 0) throw SizeError(input);
        return TargetShape.Select(d => (int?)(d == -1 ? (int)(inputSize / known) : d)).ToArray();
    }

    LayerConfigurationException SizeError(int?[] input) =>
        Error("target_shape", $"the total size of the tensor must be unchanged: input_shape={ShapeUtil.Format(input)}, target_shape={ShapeUtil.Format(TargetShape.ToArray())}.");

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        if (x.Rank < 1) throw Error("inputs", "expected at least a batch axis.");
        int?[] resolved = Resolve(x.Shape[1..].Select(d => (int?)d).ToArray());
        return [new Tensor([x.Shape[0], .. resolved.Select(d => d!.Value)], (float[])x.Data.Clone())];
    }
}
