using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Reshaping;

/// <summary>
/// Block copies and nearest-neighbour repeats on channels_last (batch, s₁, …, s_N, channels) tensors, shared by the
/// 2-D and 3-D padding, cropping and upsampling layers; the innermost spatial axis times the channels is contiguous,
/// so every copy moves whole rows of it.
/// </summary>
internal static class SpatialBlocks
{
    /// <summary>Copies the block of extent[0] × … × extent[N−1] positions of every sample of <paramref name="source"/>
    /// starting at <paramref name="sourceStart"/> into <paramref name="target"/> at <paramref name="targetStart"/>.</summary>
    public static void CopyBlock(Tensor source, ReadOnlySpan<int> sourceStart, Tensor target, ReadOnlySpan<int> targetStart, ReadOnlySpan<int> extent)
    {
        int axes = extent.Length, channels = source.Shape[^1], run = extent[^1] * channels;
        Span<int> index = stackalloc int[axes];
        for (int n = 0; n < source.Shape[0]; n++)
        {
            index.Clear();
            while (true)
            {
                int s = n, t = n;
                for (int a = 0; a < axes; a++)
                {
                    s = s * source.Shape[a + 1] + sourceStart[a] + index[a];
                    t = t * target.Shape[a + 1] + targetStart[a] + index[a];
                }
                source.Data.AsSpan(s * channels, run).CopyTo(target.Data.AsSpan(t * channels, run));
                // An odometer over every spatial axis but the innermost, whose whole row was just copied.
                int k = axes - 2;
                while (k >= 0 && ++index[k] == extent[k]) index[k--] = 0;
                if (k < 0) break;
            }
        }
    }

    /// <summary>y[n, i₁, …, i_N, c] = x[n, ⌊i₁/size₁⌋, …, ⌊i_N/size_N⌋, c]: Keras's <c>ops.repeat</c> on every spatial axis.</summary>
    public static Tensor Repeat(Tensor x, int[] size)
    {
        var shape = (int[])x.Shape.Clone();
        for (int a = 0; a < size.Length; a++) shape[a + 1] *= size[a];
        var y = new Tensor(shape);
        for (int n = 0; n < x.Shape[0]; n++) RepeatAxis(x, y, size, 1, n * (x.Length / x.Shape[0]), n * (y.Length / y.Shape[0]));
        return y;
    }

    // Writes source block (axis…) once at its first repeat, then copies that whole output block size-1 times.
    static void RepeatAxis(Tensor x, Tensor y, int[] size, int axis, int sourceOffset, int targetOffset)
    {
        int channels = x.Shape[^1], factor = size[axis - 1];
        if (axis == x.Rank - 2)
        {
            for (int i = 0, outer = x.Shape[axis] * factor; i < outer; i++)
                x.Data.AsSpan(sourceOffset + i / factor * channels, channels).CopyTo(y.Data.AsSpan(targetOffset + i * channels));
            return;
        }
        int sourceBlock = channels, targetBlock = channels;
        for (int a = axis + 1; a < x.Rank - 1; a++) { sourceBlock *= x.Shape[a]; targetBlock *= y.Shape[a]; }
        for (int i = 0; i < x.Shape[axis]; i++)
        {
            int first = targetOffset + i * factor * targetBlock;
            RepeatAxis(x, y, size, axis + 1, sourceOffset + i * sourceBlock, first);
            for (int k = 1; k < factor; k++) y.Data.AsSpan(first, targetBlock).CopyTo(y.Data.AsSpan(first + k * targetBlock));
        }
    }

    public static void CheckRank(int axes, int rank, Func<string> shape, Func<string, string, Exception> error)
    {
        if (rank != axes + 2)
            throw error("inputs", $"expected ndim={axes + 2} (batch, {string.Join(", ", Enumerable.Range(1, axes).Select(a => $"spatial_dim{a}"))}, channels), found ndim={rank}; full shape received: {shape()}.");
    }

    /// <summary>A ((before, after), …) option of non-negative integers, one pair per spatial axis.</summary>
    public static (int Before, int After)[] NonNegative((int Before, int After)[] value, string option, Func<string, string, Exception> error) =>
        value.Any(p => p.Before < 0 || p.After < 0)
            ? throw error(option, $"expected non-negative integers, got {Format(value)}.")
            : value;

    public static string Format((int Before, int After)[] sides) => $"({string.Join(", ", sides.Select(p => $"({p.Before}, {p.After})"))})";
}
