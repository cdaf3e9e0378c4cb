using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Merging;

/// <summary>NumPy broadcasting for the merge layers: shapes aligned on the right, a 1 stretches.</summary>
internal static class Broadcast
{
    /// <summary>The broadcast of concrete shapes, or null when two dimensions differ and neither is 1.</summary>
    public static int[]? Shape(IEnumerable<int[]> shapes)
    {
        int[] result = [];
        foreach (int[] s in shapes)
        {
            int rank = System.Math.Max(result.Length, s.Length);
            var merged = new int[rank];
            for (int i = 1; i <= rank; i++)
            {
                int a = i <= result.Length ? result[^i] : 1, b = i <= s.Length ? s[^i] : 1;
                if (a != b && a != 1 && b != 1) return null;
                merged[^i] = a == 1 ? b : a;
            }
            result = merged;
        }
        return result;
    }

    /// <summary>
    /// <paramref name="source"/> (row-major, <paramref name="sourceShape"/>) stretched to
    /// <paramref name="shape"/>; the array itself when the shapes already agree. One copy per
    /// output row, no per-element index arithmetic.
    /// </summary>
    public static T[] To<T>(T[] source, int[] sourceShape, int[] shape)
    {
        if (sourceShape.AsSpan().SequenceEqual(shape)) return source;
        int rank = shape.Length;
        var src = new int[rank];
        for (int i = 0; i < rank; i++) src[i] = i < rank - sourceShape.Length ? 1 : sourceShape[i - (rank - sourceShape.Length)];
        // Source strides, zero along stretched axes.
        var stride = new long[rank];
        long step = 1;
        for (int i = rank - 1; i >= 0; i--) { stride[i] = src[i] == 1 && shape[i] != 1 ? 0 : step; step *= src[i]; }

        int last = rank == 0 ? 1 : shape[^1];
        var result = new T[ShapeUtil.Size(shape)];
        if (result.Length == 0) return result;
        var index = new int[System.Math.Max(rank - 1, 0)];
        long offset = 0;
        for (int row = 0; row * (long)last < result.Length; row++)
        {
            Span<T> target = result.AsSpan(row * last, last);
            if (rank == 0 || stride[^1] != 0) source.AsSpan((int)offset, last).CopyTo(target);
            else target.Fill(source[offset]);
            // Odometer over the leading axes.
            for (int axis = rank - 2; axis >= 0; axis--)
            {
                offset += stride[axis];
                if (++index[axis] < shape[axis]) break;
                offset -= stride[axis] * shape[axis];
                index[axis] = 0;
            }
        }
        return result;
    }
}
