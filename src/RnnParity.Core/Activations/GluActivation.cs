using System.Numerics.Tensors;

namespace RnnParity.Core.Activations;

/// <summary>
/// Keras's <c>glu(x, axis=-1)</c>: the last axis split into halves <c>a</c>, <c>b</c>, output
/// <c>a · sigmoid(b)</c>, so a row of 2n values becomes n values. It cannot work in place; use
/// <see cref="ApplyHalving"/>.
/// </summary>
public sealed class GluActivation() : Activation("glu")
{
    public override bool IsElementwise => false;

    public override bool PreservesShape => false;

    /// <exception cref="InvalidOperationException">always: glu changes the row length.</exception>
    public override void Apply(Span<float> row) =>
        throw new InvalidOperationException("glu halves the last axis and cannot be applied in place; use ApplyHalving.");

    /// <summary>Each row of <paramref name="rowLength"/> inputs gives <c>rowLength / 2</c> outputs.</summary>
    /// <exception cref="ArgumentException">an odd row length (Keras: "axis size must be divisible by 2"), or lengths that do not fit.</exception>
    public static void ApplyHalving(ReadOnlySpan<float> input, int rowLength, Span<float> output)
    {
        if (rowLength <= 0 || rowLength % 2 != 0)
            throw new ArgumentException($"glu: axis size must be divisible by 2, got {rowLength}.", nameof(rowLength));
        int rows = input.Length / rowLength, half = rowLength / 2;
        if (rows * rowLength != input.Length || output.Length != rows * half)
            throw new ArgumentException($"glu: {input.Length} inputs in rows of {rowLength} need {rows * half} outputs, got {output.Length}.");
        for (int r = 0; r < rows; r++)
        {
            Span<float> o = output.Slice(r * half, half);
            input.Slice(r * rowLength + half, half).CopyTo(o);
            // sigmoid(b) = 1 / (1 + exp(-b)), as the numpy backend writes it.
            TensorPrimitives.Negate(o, o);
            TensorPrimitives.Exp(o, o);
            TensorPrimitives.Add(o, 1f, o);
            TensorPrimitives.Reciprocal(o, o);
            TensorPrimitives.Multiply(input.Slice(r * rowLength, half), o, o);
        }
    }
}
