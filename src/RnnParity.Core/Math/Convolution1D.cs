namespace RnnParity.Core.Math;

/// <summary>
/// The 1-D cross-correlation behind Conv1D, as im2col followed by one
/// <see cref="Gemm"/> product per group.
/// </summary>
public static class Convolution1D
{
    /// <summary>Floats of the <c>columns</c> scratch <see cref="Accumulate"/> needs.</summary>
    public static int ColumnsLength(int batch, int outLength, int kernelSize, int groupChannels) => batch * outLength * kernelSize * groupChannels;

    /// <summary>
    /// <c>y[n, t, g·F/G + f] += Σ_j Σ_c x[n, t·stride + j·dilation − left, g·C/G + c] · kernel[j, c, g·F/G + f]</c>,
    /// positions outside [0, length) reading zero. x is (batch, length, channels), kernel
    /// (kernelSize, channels/groups, filters), y (batch, outLength, filters), all row-major.
    /// <paramref name="columns"/> is scratch of at least <see cref="ColumnsLength"/> floats; nothing is allocated.
    /// </summary>
    public static void Accumulate(ReadOnlySpan<float> x, int batch, int length, int channels,
        ReadOnlySpan<float> kernel, int kernelSize, int filters, int groups,
        int stride, int dilation, int left, int outLength, Span<float> columns, Span<float> y)
    {
        int groupChannels = channels / groups, groupFilters = filters / groups;
        int rows = batch * outLength, depth = kernelSize * groupChannels;
        if (columns.Length < rows * depth)
            throw new ArgumentException($"columns has {columns.Length} floats, needs {rows * depth}.", nameof(columns));
        for (int g = 0; g < groups; g++)
        {
            for (int n = 0; n < batch; n++)
                for (int t = 0; t < outLength; t++)
                {
                    Span<float> row = columns.Slice((n * outLength + t) * depth, depth);
                    for (int j = 0; j < kernelSize; j++)
                    {
                        int p = t * stride + j * dilation - left;
                        Span<float> tap = row.Slice(j * groupChannels, groupChannels);
                        if (p < 0 || p >= length) tap.Clear();
                        else x.Slice((n * length + p) * channels + g * groupChannels, groupChannels).CopyTo(tap);
                    }
                }
            Gemm.MatMulAdd(columns, rows, depth, depth, kernel.Slice(g * groupFilters), groupFilters, filters,
                y.Slice(g * groupFilters), filters);
        }
    }
}
