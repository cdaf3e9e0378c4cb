namespace RnnParity.Layers.Normalization;

/// <summary>
/// Splits a C-ordered array into the groups that a reduction over <c>axes</c> reduces: one group
/// per index of the other axes, its elements in row-major order of the reduced axes (the order of
/// a weight shaped as those axes). Offsets are computed once per call, not per element.
/// </summary>
internal sealed class AxisGroups
{
    readonly int[] _elementOffsets;
    readonly int[] _groupOffsets;

    public AxisGroups(int[] shape, int[] sortedAxes)
    {
        int rank = shape.Length;
        var strides = new int[rank];
        for (int d = rank - 1, s = 1; d >= 0; s *= shape[d], d--) strides[d] = s;
        var reduced = new bool[rank];
        foreach (int a in sortedAxes) reduced[a] = true;
        _elementOffsets = Offsets(shape, strides, Enumerable.Range(0, rank).Where(d => reduced[d]).ToArray());
        _groupOffsets = Offsets(shape, strides, Enumerable.Range(0, rank).Where(d => !reduced[d]).ToArray());
        Run = 1;
        for (int d = rank - 1; d >= 0 && reduced[d]; d--) Run *= shape[d];
        IsContiguous = Run == GroupSize;
    }

    /// <summary>Elements per group (the product of the reduced dimensions).</summary>
    public int GroupSize => _elementOffsets.Length;

    public int Count => _groupOffsets.Length;

    /// <summary>Values in the innermost reduced run, contiguous in memory (1 when the last axis is not reduced).</summary>
    public int Run { get; }

    /// <summary>Each group is one contiguous block (the reduced axes are the last ones).</summary>
    public bool IsContiguous { get; }

    public void Gather(ReadOnlySpan<float> source, int group, Span<float> values)
    {
        int b = _groupOffsets[group];
        if (IsContiguous) { source.Slice(b, GroupSize).CopyTo(values); return; }
        for (int i = 0; i < _elementOffsets.Length; i++) values[i] = source[b + _elementOffsets[i]];
    }

    public void Scatter(ReadOnlySpan<float> values, int group, Span<float> target)
    {
        int b = _groupOffsets[group];
        if (IsContiguous) { values[..GroupSize].CopyTo(target.Slice(b, GroupSize)); return; }
        for (int i = 0; i < _elementOffsets.Length; i++) target[b + _elementOffsets[i]] = values[i];
    }

    /// <summary>Flat offsets of every index over <paramref name="dims"/>, row-major.</summary>
    static int[] Offsets(int[] shape, int[] strides, int[] dims)
    {
        int count = 1;
        foreach (int d in dims) count *= shape[d];
        var offsets = new int[count];
        var index = new int[dims.Length];
        for (int i = 0; i < count; i++)
        {
            int o = 0;
            for (int k = 0; k < dims.Length; k++) o += index[k] * strides[dims[k]];
            offsets[i] = o;
            for (int k = dims.Length - 1; k >= 0; k--)
            {
                if (++index[k] < shape[dims[k]]) break;
                index[k] = 0;
            }
        }
        return offsets;
    }
}
