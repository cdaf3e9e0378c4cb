using System.Text.Json;
using RnnParity.Layers.Reshaping;

namespace RnnParity.KerasConfig;

/// <summary>Keras's <c>layers/reshaping</c>: Flatten, Reshape, Permute, RepeatVector and the 1-D, 2-D and 3-D padding, cropping and upsampling layers.</summary>
internal static class ReshapingLayerConfigs
{
    public static void Register(Action<string, LayerBuilder> add)
    {
        add("Flatten", (config, name) => new Flatten(DataFormat(config), name));
        add("Reshape", (config, name) => new Reshape(IntList(config.Get("target_shape")), name));
        add("Permute", (config, name) => new Permute(IntList(config.Get("dims")), name));
        add("RepeatVector", (config, name) => new RepeatVector(config.GetInt("n"), name));
        add("ZeroPadding1D", (config, name) => new ZeroPadding1D(Pair(config, "padding", 1), DataFormat(config), name));
        add("Cropping1D", (config, name) => new Cropping1D(Pair(config, "cropping", 1), name));
        add("UpSampling1D", (config, name) => new UpSampling1D(config.Optional("size")?.Int() ?? 2, name));
        add("ZeroPadding2D", (config, name) => new ZeroPadding2D(Sides2(config, "padding", 1), DataFormat(config), name));
        add("Cropping2D", (config, name) => new Cropping2D(Sides2(config, "cropping", 0), DataFormat(config), name));
        add("UpSampling2D", (config, name) => new UpSampling2D(ConvolutionalLayerConfigs.Ints(config, "size", 2, 2), DataFormat(config),
            config.Optional("interpolation")?.String() ?? "nearest", name));
        add("ZeroPadding3D", (config, name) => new ZeroPadding3D(Sides3(config, "padding", 1), DataFormat(config), name));
        add("Cropping3D", (config, name) => new Cropping3D(Sides3(config, "cropping", 1), DataFormat(config), name));
        add("UpSampling3D", (config, name) => new UpSampling3D(ConvolutionalLayerConfigs.Ints(config, "size", 3, 2), DataFormat(config), name));
    }

    static ((int, int), (int, int)) Sides2(ConfigNode config, string key, int defaultValue)
    {
        var s = Sides(config, key, 2, defaultValue);
        return (s[0], s[1]);
    }

    static ((int, int), (int, int), (int, int)) Sides3(ConfigNode config, string key, int defaultValue)
    {
        var s = Sides(config, key, 3, defaultValue);
        return (s[0], s[1], s[2]);
    }

    /// <summary>ZeroPadding2D/3D's and Cropping2D/3D's option: an integer for every side, a list of <paramref name="axes"/>
    /// integers (symmetric per axis), or a list of <paramref name="axes"/> pairs ((before, after) per axis).</summary>
    static (int, int)[] Sides(ConfigNode config, string key, int axes, int defaultValue)
    {
        if (config.Optional(key) is not { } node) return Enumerable.Repeat((defaultValue, defaultValue), axes).ToArray();
        if (node.Kind == JsonValueKind.Number) { int v = node.Int(); return Enumerable.Repeat((v, v), axes).ToArray(); }
        var items = node.Items().ToList();
        if (items.Count != axes) throw node.Fail($"expected an integer, a list of {axes} integers or a list of {axes} pairs, got {items.Count} values");
        (int, int) Side(ConfigNode item)
        {
            if (item.Kind == JsonValueKind.Number) { int v = item.Int(); return (v, v); }
            int[] pair = IntList(item);
            return pair.Length == 2 ? (pair[0], pair[1]) : throw item.Fail($"expected an integer or a list of 2 integers, got {pair.Length} integers");
        }
        return items.Select(Side).ToArray();
    }

    static string? DataFormat(ConfigNode config) => config.Optional("data_format")?.String();

    static int[] IntList(ConfigNode node) => node.Items().Select(i => i.Int()).ToArray();

    /// <summary>Keras's <c>standardize_tuple(value, 2, ...)</c>: an integer for both ends, or a list of two.</summary>
    static (int, int) Pair(ConfigNode config, string key, int defaultValue)
    {
        if (config.Optional(key) is not { } node) return (defaultValue, defaultValue);
        if (node.Kind == JsonValueKind.Number) { int v = node.Int(); return (v, v); }
        int[] values = IntList(node);
        return values.Length == 2 ? (values[0], values[1]) : throw node.Fail($"expected an integer or a list of 2 integers, got {values.Length} integers");
    }
}
