using System.Numerics.Tensors;

namespace RnnParity.Layers.Merging;

/// <summary>Keras's <c>Add</c>: <c>x₀ + x₁ + … </c>, summed left to right. Masks do not change the values.</summary>
public sealed class Add(string? name = null) : Merge(name)
{
    private protected override float[] Combine(float[][] values, bool[]?[] masks) => Sum(values);

    internal static float[] Sum(float[][] values)
    {
        var y = (float[])values[0].Clone();
        for (int i = 1; i < values.Length; i++) TensorPrimitives.Add(y, values[i], y);
        return y;
    }
}

/// <summary>Keras's <c>Subtract</c>: <c>x₀ − x₁</c>, exactly two inputs. Masks do not change the values.</summary>
public sealed class Subtract(string? name = null) : Merge(name)
{
    private protected override int MinInputs => 2;

    private protected override int MaxInputs => 2;

    private protected override float[] Combine(float[][] values, bool[]?[] masks)
    {
        var y = new float[values[0].Length];
        TensorPrimitives.Subtract(values[0], values[1], y);
        return y;
    }
}

/// <summary>Keras's <c>Average</c>: <c>(x₀ + x₁ + …) / n</c>, summed left to right, then divided. Masks do not change the values.</summary>
public sealed class Average(string? name = null) : Merge(name)
{
    private protected override float[] Combine(float[][] values, bool[]?[] masks)
    {
        float[] y = Add.Sum(values);
        TensorPrimitives.Divide(y, values.Length, y);
        return y;
    }
}

/// <summary>
/// Keras's <c>Multiply</c>: <c>x₀ · x₁ · …</c>, where a masked position of a masked input counts as 1;
/// when every input has a mask, positions masked in all of them are 0 (Keras's <c>_merge_function</c>).
/// </summary>
public sealed class Multiply(string? name = null) : Merge(name)
{
    private protected override float[] Combine(float[][] values, bool[]?[] masks)
    {
        var y = new float[values[0].Length];
        bool allMasked = masks.All(m => m is not null);
        bool[]? anyKept = allMasked ? new bool[y.Length] : null;
        for (int i = 0; i < values.Length; i++)
        {
            float[] x = values[i];
            if (masks[i] is { } m)
            {
                x = (float[])x.Clone();
                for (int k = 0; k < x.Length; k++)
                    if (!m[k]) x[k] = 1f;
                if (anyKept is not null)
                    for (int k = 0; k < x.Length; k++) anyKept[k] |= m[k];
            }
            if (i == 0) x.CopyTo(y, 0);
            else TensorPrimitives.Multiply(y, x, y);
        }
        if (anyKept is not null)
            for (int k = 0; k < y.Length; k++)
                if (!anyKept[k]) y[k] = 0f;
        return y;
    }
}

/// <summary>
/// Keras's <c>_apply_merge_op_and_or_mask</c> behind <c>Maximum</c> and <c>Minimum</c>: inputs are folded
/// left to right; at a position masked in one operand the other operand's value is taken, so masked
/// values never win; the running mask is the OR while every input so far has one.
/// </summary>
public abstract class MaskedFoldMerge(string? name) : Merge(name)
{
    private protected abstract void Op(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> result);

    private protected override float[] Combine(float[][] values, bool[]?[] masks)
    {
        var output = (float[])values[0].Clone();
        bool[]? outputMask = masks[0] is { } m0 ? (bool[])m0.Clone() : null;
        for (int i = 1; i < values.Length; i++)
        {
            float[] x = values[i];
            bool[]? mask = masks[i];
            if (mask is not null)
            {
                x = (float[])x.Clone();
                for (int k = 0; k < x.Length; k++)
                    if (!mask[k]) x[k] = output[k];
            }
            if (outputMask is not null)
                for (int k = 0; k < x.Length; k++)
                    if (!outputMask[k]) output[k] = x[k];
            if (mask is not null && outputMask is not null)
                for (int k = 0; k < x.Length; k++) outputMask[k] |= mask[k];
            else outputMask = null;
            Op(output, x, output);
        }
        return output;
    }
}

/// <summary>Keras's <c>Maximum</c>: the element-wise maximum, masked positions excluded as <see cref="MaskedFoldMerge"/> says.</summary>
public sealed class Maximum(string? name = null) : MaskedFoldMerge(name)
{
    private protected override void Op(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> result) => TensorPrimitives.Max(a, b, result);
}

/// <summary>Keras's <c>Minimum</c>: the element-wise minimum, masked positions excluded as <see cref="MaskedFoldMerge"/> says.</summary>
public sealed class Minimum(string? name = null) : MaskedFoldMerge(name)
{
    private protected override void Op(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> result) => TensorPrimitives.Min(a, b, result);
}
