namespace RnnParity.Core.Tensors;

/// <summary>numpy's <c>transpose(x, axes)</c> on row-major data, copied into a new buffer.</summary>
public static class Transposition
{
    /// <summary>The shape of <c>transpose(x, axes)</c>: <c>result[i] = shape[axes[i]]</c>.</summary>
    public static int[] Shape(ReadOnlySpan<int> shape, ReadOnlySpan<int> axes)
    {
        var result = new int[axes.Length];
        for (int i = 0; i < axes.Length; i++) result[i] = shape[axes[i]];
        return result;
    }

    /// <summary>Writes <c>transpose(source, axes)</c> into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="axes"/> is not a permutation of the axes, or a length does not fit.</exception>
    public static void Transpose(ReadOnlySpan<float> source, ReadOnlySpan<int> shape, ReadOnlySpan<int> axes, Span<float> destination)
    {
        int rank = shape.Length;
        if (axes.Length != rank) throw new ArgumentException($"axes has {axes.Length} entries for a rank-{rank} array.", nameof(axes));
        Span<bool> seen = stackalloc bool[rank];
        foreach (int a in axes)
        {
            if ((uint)a >= (uint)rank || seen[a]) throw new ArgumentException($"axes {string.Join(",", axes.ToArray())} is not a permutation of 0..{rank - 1}.", nameof(axes));
            seen[a] = true;
        }
        long size = ShapeUtil.Size(shape);
        if (source.Length != size || destination.Length != size)
            throw new ArgumentException($"expected {size} elements, got source {source.Length}, destination {destination.Length}.");
        if (size == 0) return;
        if (rank == 0) { destination[0] = source[0]; return; }

        // Source strides seen in output axis order; the last output axis is walked in the inner loop.
        Span<long> srcStrides = stackalloc long[rank];
        long stride = 1;
        for (int i = rank - 1; i >= 0; i--) { srcStrides[i] = stride; stride *= shape[i]; }
        Span<long> step = stackalloc long[rank];
        Span<int> outShape = stackalloc int[rank];
        for (int i = 0; i < rank; i++) { step[i] = srcStrides[axes[i]]; outShape[i] = shape[axes[i]]; }

        Span<int> index = stackalloc int[rank];
        int inner = outShape[rank - 1];
        long innerStep = step[rank - 1];
        long offset = 0;
        for (long o = 0; o < size; o += inner)
        {
            long s = offset;
            Span<float> row = destination.Slice((int)o, inner);
            for (int j = 0; j < inner; j++, s += innerStep) row[j] = source[(int)s];
            // Odometer over the outer output axes.
            for (int ax = rank - 2; ax >= 0; ax--)
            {
                offset += step[ax];
                if (++index[ax] < outShape[ax]) break;
                offset -= step[ax] * outShape[ax];
                index[ax] = 0;
            }
        }
    }
}
