using System.Text.Json;
using RnnParity.Layers.Convolutional;

namespace RnnParity.KerasConfig;

/// <summary>Keras's <c>layers/convolutional</c>: Conv1D, Conv2D, Conv3D.</summary>
internal static class ConvolutionalLayerConfigs
{
    public static void Register(Action<string, LayerBuilder> add)
    {
        add("Conv1D", CreateConv1D);
        foreach (string className in new[] { "Conv2D", "Convolution2D" })
            add(className, (config, name) => CreateConv(config, name, 2));
        foreach (string className in new[] { "Conv3D", "Convolution3D" })
            add(className, (config, name) => CreateConv(config, name, 3));
    }

    static BaseConv CreateConv(ConfigNode config, string? name, int rank)
    {
        ConfigChecks.NoLora(config, rank == 2 ? "Conv2D" : "Conv3D", name);
        int filters = config.GetInt("filters", min: 1);
        int[] kernel = Ints(config, "kernel_size", rank, null);
        int[] strides = Ints(config, "strides", rank, 1);
        string padding = config.Optional("padding")?.String() ?? "valid";
        string? dataFormat = config.Optional("data_format")?.String();
        int[] dilation = Ints(config, "dilation_rate", rank, 1);
        int groups = config.Optional("groups")?.Int(min: 1) ?? 1;
        string activation = ConfigChecks.Activation(config, "activation", "linear");
        bool useBias = config.GetBool("use_bias", true);
        return rank == 2
            ? new Conv2D(filters, kernel, strides, padding, dataFormat, dilation, groups, activation, useBias, name)
            : new Conv3D(filters, kernel, strides, padding, dataFormat, dilation, groups, activation, useBias, name);
    }

    /// <summary>
    /// An N-d window option as Keras saves it: an integer for every axis or a list of <paramref name="rank"/>
    /// integers (Keras's <c>standardize_tuple</c>); <paramref name="defaultValue"/> on every axis when absent
    /// or null, required when that is null.
    /// </summary>
    internal static int[] Ints(ConfigNode config, string key, int rank, int? defaultValue)
    {
        ConfigNode? node = config.Optional(key);
        if (node is null)
            return Enumerable.Repeat(defaultValue ?? throw config.Get(key).Fail("required field is null"), rank).ToArray();
        if (node.Value.Kind == JsonValueKind.Number) return Enumerable.Repeat(node.Value.Int(min: 1), rank).ToArray();
        int[] items = node.Value.Items().Select(i => i.Int(min: 1)).ToArray();
        return items.Length == rank ? items
            : throw node.Value.Fail($"expected an integer or a list of {rank} integers for a {rank}-D layer, got {items.Length} values");
    }

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
