using PureHDF;

namespace RnnParity.KerasConfig.Files;

/// <summary>
/// The few HDF5 reads Keras files need, on top of PureHDF: groups by path, string attributes, and
/// float arrays whose shape and size are checked before any data is read.
/// </summary>
internal static class H5Access
{
    public static IH5Group? Group(IH5Group parent, string path)
    {
        if (path.Length == 0) return parent;
        IH5Group g = parent;
        foreach (string part in path.Split('/'))
        {
            if (!g.LinkExists(part)) return null;
            if (g.Get(part) is not IH5Group child) return null;
            g = child;
        }
        return g;
    }

    public static IH5Dataset? Dataset(IH5Group parent, string path)
    {
        int slash = path.LastIndexOf('/');
        IH5Group? g = slash < 0 ? parent : Group(parent, path[..slash]);
        string leaf = path[(slash + 1)..];
        if (g is null || !g.LinkExists(leaf)) return null;
        return g.Get(leaf) as IH5Dataset;
    }

    /// <summary>A string attribute (scalar), or null when absent.</summary>
    public static string? StringAttribute(IH5Object o, string name)
    {
        if (!o.AttributeExists(name)) return null;
        var a = o.Attribute(name);
        if (a.Type.Class is not (H5DataTypeClass.String or H5DataTypeClass.VariableLength))
            throw new InvalidDataException($"attribute '{name}' of '{o.Name}' is not a string");
        return a.Space.Type == H5DataspaceType.Scalar ? a.Read<string>() : a.Read<string[]>().FirstOrDefault();
    }

    /// <summary>A list-of-strings attribute (Keras's <c>layer_names</c>, <c>weight_names</c>); empty when absent or an empty array.</summary>
    public static string[] StringsAttribute(IH5Object o, string name)
    {
        if (!o.AttributeExists(name)) return [];
        var a = o.Attribute(name);
        // h5py writes an empty list as a zero-length float array.
        if (a.Space.Dimensions.Length == 1 && a.Space.Dimensions[0] == 0) return [];
        if (a.Type.Class is not (H5DataTypeClass.String or H5DataTypeClass.VariableLength))
            throw new InvalidDataException($"attribute '{name}' of '{o.Name}' is not a list of strings");
        return a.Space.Type == H5DataspaceType.Scalar ? [a.Read<string>()] : a.Read<string[]>();
    }

    /// <summary>
    /// Reads a float dataset as float32 after checking that its shape is <paramref name="expected"/>:
    /// a wrong shape is refused before any element is read, so a header cannot make us allocate.
    /// </summary>
    public static float[] ReadWeight(IH5Dataset d, int[] expected, string file, string layer, string weight, string where, ReadLimits limits)
    {
        ulong[] dims = d.Space.Dimensions;
        if (!dims.Select(x => (long)x).SequenceEqual(expected.Select(x => (long)x)))
            throw new ModelFileException(file, $"'{where}' has shape ({string.Join(", ", dims)}), the config makes it ({string.Join(", ", expected)})", layer, weight);
        long count = expected.Aggregate(1L, (a, b) => a * b);
        if (count > limits.MaxWeightElements)
            throw new ModelFileException(file, $"'{where}' has {count} elements, above the limit of {limits.MaxWeightElements}", layer, weight);
        if (d.Type.Class != H5DataTypeClass.FloatingPoint)
            throw new ModelFileException(file, $"'{where}' holds {d.Type.Class} data; only float weights are supported yet", layer, weight);
        return d.Type.Size switch
        {
            4 => Checked(d.Read<float[]>(), count, file, layer, weight, where),
            8 => Checked(d.Read<double[]>(), count, file, layer, weight, where).Select(v => (float)v).ToArray(),
            _ => throw new ModelFileException(file, $"'{where}' holds {d.Type.Size * 8}-bit floats; only float32 and float64 weights are supported yet", layer, weight),
        };
    }

    static T[] Checked<T>(T[] data, long count, string file, string layer, string weight, string where) =>
        data.LongLength == count ? data : throw new ModelFileException(file, $"'{where}' yields {data.LongLength} values for {count} elements", layer, weight);

    /// <summary>Every dataset below <paramref name="g"/>, as paths relative to it.</summary>
    public static IEnumerable<string> DatasetPaths(IH5Group g, string prefix = "", int depth = 0)
    {
        // Keras nests at most a few levels; a deeper (or cyclic) hierarchy is not a Keras file.
        if (depth > 32) throw new InvalidDataException($"groups nested deeper than 32 levels below '{g.Name}'");
        foreach (var child in g.Children())
        {
            string path = prefix.Length == 0 ? child.Name : $"{prefix}/{child.Name}";
            if (child is IH5Dataset) yield return path;
            else if (child is IH5Group cg) foreach (var p in DatasetPaths(cg, path, depth + 1)) yield return p;
        }
    }
}
