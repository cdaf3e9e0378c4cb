using RnnParity.Layers.Pooling;

namespace RnnParity.KerasConfig;

/// <summary>Keras's <c>layers/pooling</c> for sequences, under their class names and Keras's aliases.</summary>
internal static class PoolingLayerConfigs
{
    public static void Register(Action<string, LayerBuilder> add)
    {
        foreach (string className in new[] { "MaxPooling1D", "MaxPool1D" })
            add(className, (config, name) => new MaxPooling1D(ConvolutionalLayerConfigs.OneInt(config, "pool_size", 2),
                Strides(config), Padding(config), DataFormat(config), name));
        foreach (string className in new[] { "AveragePooling1D", "AvgPool1D" })
            add(className, (config, name) => new AveragePooling1D(ConvolutionalLayerConfigs.OneInt(config, "pool_size", null),
                Strides(config), Padding(config), DataFormat(config), name));
        foreach (string className in new[] { "GlobalMaxPooling1D", "GlobalMaxPool1D" })
            add(className, (config, name) => new GlobalMaxPooling1D(DataFormat(config), config.GetBool("keepdims", false), name));
        foreach (string className in new[] { "GlobalAveragePooling1D", "GlobalAvgPool1D" })
            add(className, (config, name) => new GlobalAveragePooling1D(DataFormat(config), config.GetBool("keepdims", false), name));
    }

    /// <summary>Keras: strides None means pool_size.</summary>
    static int? Strides(ConfigNode config) => config.Has("strides") ? ConvolutionalLayerConfigs.OneInt(config, "strides", null) : null;

    static string Padding(ConfigNode config) => config.Optional("padding")?.String() ?? "valid";

    static string? DataFormat(ConfigNode config) => config.Optional("data_format")?.String();
}
