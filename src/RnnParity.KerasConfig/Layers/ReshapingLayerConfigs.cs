using System.Text.Json;
using RnnParity.Layers.Reshaping;

namespace RnnParity.KerasConfig;

/// <summary>Keras's <c>layers/reshaping</c>: Flatten, Reshape, Permute, RepeatVector and the 1-D and 2-D padding, cropping and upsampling layers.</summary>
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
        add("ZeroPadding2D", (config, name) => new ZeroPadding2D(Sides(config, "padding", 1), DataFormat(config), name));
        add("Cropping2D", (config, name) => new Cropping2D(Sides(config, "cropping", 0), DataFormat(config), name));
        add("UpSampling2D", (config, name) => new UpSampling2D(ConvolutionalLayerConfigs.Ints(config, "size", 2, 2), DataFormat(config),
            config.Optional("interpolation")?.String() ?? "nearest", name));
    }

    /// <summary>ZeroPadding2D/Cropping2D's option: an integer for all four sides, a list of two (symmetric rows,
    /// symmetric cols), or a list of two pairs ((top, bottom), (left, right)).</summary>
    static ((int, int), (int, int)) Sides(ConfigNode config, string key, int defaultValue)
    {
        if (config.Optional(key) is not { } node) return ((defaultValue, defaultValue), (defaultValue, defaultValue));
        if (node.Kind == JsonValueKind.Number) { int v = node.Int(); return ((v, v), (v, v)); }
        var items = node.Items().ToList();
        if (items.Count != 2) throw node.Fail($"expected an integer, a list of 2 integers or a list of 2 pairs, got {items.Count} values");
        (int, int) Side(ConfigNode item)
        {
            if (item.Kind == JsonValueKind.Number) { int v = item.Int(); return (v, v); }
            int[] pair = IntList(item);
            return pair.Length == 2 ? (pair[0], pair[1]) : throw item.Fail($"expected an integer or a list of 2 integers, got {pair.Length} integers");
        }
        return (Side(items[0]), Side(items[1]));
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
