namespace RnnParity.Core.Math;

/// <summary>
/// The N-d cross-correlation behind Conv2D/Conv3D and the ConvLSTM cells: im2col over the taps a
/// <see cref="ConvolutionGeometry"/> lists, then one <see cref="Gemm"/> product per group.
/// </summary>
public static class ConvolutionND
{
    /// <summary>Floats of the <c>columns</c> scratch <see cref="Accumulate"/> needs.</summary>
    public static int ColumnsLength(int batch, ConvolutionGeometry geometry, int groupChannels) =>
        checked(batch * geometry.OutputCount * geometry.TapCount * groupChannels);

    /// <summary>
    /// <c>y[n, o, g·F/G + f] += Σ_j Σ_c x[n, tap(o, j), g·C/G + c] · kernel[j, c, g·F/G + f]</c>, a padding
    /// tap reading zero. x is (batch, input positions, channels), kernel (taps, channels/groups, filters)
    /// (Keras's (k₁, …, k_r, C/G, F) flattened), y (batch, output positions, filters), all row-major.
    /// <paramref name="columns"/> is scratch of at least <see cref="ColumnsLength"/> floats; nothing is allocated.
    /// </summary>
    public static void Accumulate(ReadOnlySpan<float> x, int batch, int channels, ReadOnlySpan<float> kernel, int filters, int groups,
        ConvolutionGeometry geometry, Span<float> columns, Span<float> y)
    {
        int groupChannels = channels / groups, groupFilters = filters / groups;
        int outputs = geometry.OutputCount, inputs = geometry.InputCount, taps = geometry.TapCount;
        int rows = batch * outputs, depth = taps * groupChannels;
        if (columns.Length < rows * depth)
            throw new ArgumentException($"columns has {columns.Length} floats, needs {rows * depth}.", nameof(columns));
        if (x.Length < batch * inputs * channels || y.Length < rows * filters || kernel.Length < depth * filters)
            throw new ArgumentException($"x, kernel or y is shorter than batch {batch}, {inputs} input and {outputs} output positions, {channels} channels, {taps} taps and {filters} filters need.");
        for (int g = 0; g < groups; g++)
        {
            for (int n = 0; n < batch; n++)
            {
                ReadOnlySpan<float> image = x.Slice(n * inputs * channels, inputs * channels);
                for (int o = 0; o < outputs; o++)
                {
                    Span<float> row = columns.Slice((n * outputs + o) * depth, depth);
                    ReadOnlySpan<int> reads = geometry.Taps(o);
                    for (int j = 0; j < taps; j++)
                    {
                        Span<float> tap = row.Slice(j * groupChannels, groupChannels);
                        int p = reads[j];
                        if (p < 0) tap.Clear();
                        else image.Slice(p * channels + g * groupChannels, groupChannels).CopyTo(tap);
                    }
                }
            }
            Gemm.MatMulAdd(columns, rows, depth, depth, kernel.Slice(g * groupFilters), groupFilters, filters,
                y.Slice(g * groupFilters), filters);
        }
    }
}
