using System.Text.Json;
using RnnParity.Layers.Reshaping;

namespace RnnParity.KerasConfig;

/// <summary>Keras's <c>layers/reshaping</c>: Flatten, Reshape, Permute, RepeatVector and the 1-D padding, cropping and upsampling layers.</summary>
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
