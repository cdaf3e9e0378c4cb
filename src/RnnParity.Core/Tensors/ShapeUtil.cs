namespace RnnParity.Core.Tensors;

/// <summary>Shape helpers shared by concrete shapes (<c>int[]</c>) and Keras symbolic shapes (<c>int?[]</c>).</summary>
public static class ShapeUtil
{
    /// <summary>Number of elements. A zero dimension makes it 0 whatever the others are, as in
    /// numpy, so (2³¹−1, 2³¹−1, 0) is an empty array, not an overflow.</summary>
    /// <exception cref="ArgumentException">a negative dimension.</exception>
    /// <exception cref="OverflowException">more than <see cref="long.MaxValue"/> elements.</exception>
    public static long Size(ReadOnlySpan<int> shape)
    {
        foreach (int d in shape)
            if (d < 0) throw new ArgumentException($"negative dimension {d} in shape {Format(shape)}.");
        if (shape.Contains(0)) return 0;
        long size = 1;
        foreach (int d in shape) size = checked(size * d);
        return size;
    }

    /// <summary>Python's tuple spelling, as Keras prints shapes: <c>(None, 3)</c>, <c>(5,)</c>.</summary>
    public static string Format(ReadOnlySpan<int> shape)
    {
        var parts = new string[shape.Length];
        for (int i = 0; i < shape.Length; i++) parts[i] = shape[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Tuple(parts);
    }

    public static string Format(IReadOnlyList<int?> shape)
    {
        var parts = new string[shape.Count];
        for (int i = 0; i < shape.Count; i++) parts[i] = shape[i]?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "None";
        return Tuple(parts);
    }

    static string Tuple(string[] parts) => parts.Length == 1 ? $"({parts[0]},)" : $"({string.Join(", ", parts)})";

    public static bool Matches(IReadOnlyList<int?> symbolic, ReadOnlySpan<int> concrete)
    {
        if (symbolic.Count != concrete.Length) return false;
        for (int i = 0; i < concrete.Length; i++)
            if (symbolic[i] is int d && d != concrete[i]) return false;
        return true;
    }

    public static bool SameSymbolic(IReadOnlyList<int?> a, IReadOnlyList<int?> b)
    {
        if (a.Count != b.Count) return false;
        for (int i = 0; i < a.Count; i++) if (a[i] != b[i]) return false;
        return true;
    }
}
