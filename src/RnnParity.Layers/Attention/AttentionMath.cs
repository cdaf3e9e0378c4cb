using RnnParity.Core.Math;

namespace RnnParity.Layers.Attention;

/// <summary>The small kernels the attention layers share, rounded in float32 as Keras's NumPy backend rounds.</summary>
internal static class AttentionMath
{
    /// <summary>
    /// Keras's NumPy <c>softmax(x, axis=-1)</c> on one row, in place:
    /// <c>e = exp(x − max(x))</c>, <c>y = e / Σe</c>, the sum in NumPy's pairwise order.
    /// </summary>
    public static void Softmax(Span<float> row)
    {
        if (row.IsEmpty) return;
        float max = row[0];
        for (int i = 1; i < row.Length; i++) if (row[i] > max || float.IsNaN(row[i])) max = row[i];
        for (int i = 0; i < row.Length; i++) row[i] = MathF.Exp(row[i] - max);
        float sum = PairwiseSum.Sum(row);
        for (int i = 0; i < row.Length; i++) row[i] /= sum;
    }

    /// <summary><c>b[cols×rows] = aᵀ</c> for a row-major <c>a[rows×cols]</c>.</summary>
    public static void Transpose(ReadOnlySpan<float> a, int rows, int cols, Span<float> b)
    {
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) b[j * rows + i] = a[i * cols + j];
    }
}
