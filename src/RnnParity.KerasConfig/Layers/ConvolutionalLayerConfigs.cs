using System.Text.Json;
using RnnParity.Layers.Convolutional;

namespace RnnParity.KerasConfig;

/// <summary>Keras's <c>layers/convolutional</c>: Conv1D.</summary>
internal static class ConvolutionalLayerConfigs
{
    public static void Register(Action<string, LayerBuilder> add) => add("Conv1D", CreateConv1D);

    static Conv1D CreateConv1D(ConfigNode config, string? name)
    {
        ConfigChecks.NoLora(config, "Conv1D", name);
        return new Conv1D(
            config.GetInt("filters", min: 1),
            OneInt(config, "kernel_size", null),
            OneInt(config, "strides", 1),
            config.Optional("padding")?.String() ?? "valid",
            config.Optional("data_format")?.String(),
            OneInt(config, "dilation_rate", 1),
            config.Optional("groups")?.Int(min: 1) ?? 1,
            ConfigChecks.Activation(config, "activation", "linear"),
            config.GetBool("use_bias", true),
            name);
    }

    /// <summary>
    /// A 1-D window option as Keras saves it: an integer or a list of one integer (Keras's
    /// <c>standardize_tuple</c>); <paramref name="defaultValue"/> when absent or null, required when that is null.
    /// </summary>
    internal static int OneInt(ConfigNode config, string key, int? defaultValue)
    {
        ConfigNode? node = config.Optional(key);
        if (node is null)
            return defaultValue ?? throw config.Get(key).Fail("required field is null");
        if (node.Value.Kind == JsonValueKind.Number) return node.Value.Int(min: 1);
        var items = node.Value.Items().ToList();
        if (items.Count != 1)
            throw node.Value.Fail($"expected an integer or a list of one integer for a 1-D layer, got {items.Count} values");
        return items[0].Int(min: 1);
    }
}
