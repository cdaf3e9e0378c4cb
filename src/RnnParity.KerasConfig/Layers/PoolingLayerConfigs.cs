using RnnParity.Layers.Pooling;

namespace RnnParity.KerasConfig;

/// <summary>Keras's <c>layers/pooling</c> for sequences and images, under their class names and Keras's aliases.</summary>
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
        foreach (string className in new[] { "MaxPooling2D", "MaxPool2D" })
            add(className, (config, name) => new MaxPooling2D(Ints(config, "pool_size", 2, 2), StridesN(config, 2), Padding(config), DataFormat(config), name));
        foreach (string className in new[] { "AveragePooling2D", "AvgPool2D" })
            add(className, (config, name) => new AveragePooling2D(Ints(config, "pool_size", 2, null), StridesN(config, 2), Padding(config), DataFormat(config), name));
        foreach (string className in new[] { "MaxPooling3D", "MaxPool3D" })
            add(className, (config, name) => new MaxPooling3D(Ints(config, "pool_size", 3, 2), StridesN(config, 3), Padding(config), DataFormat(config), name));
        foreach (string className in new[] { "AveragePooling3D", "AvgPool3D" })
            add(className, (config, name) => new AveragePooling3D(Ints(config, "pool_size", 3, null), StridesN(config, 3), Padding(config), DataFormat(config), name));
        foreach (string className in new[] { "GlobalMaxPooling2D", "GlobalMaxPool2D" })
            add(className, (config, name) => new GlobalMaxPooling2D(DataFormat(config), config.GetBool("keepdims", false), name));
        foreach (string className in new[] { "GlobalAveragePooling2D", "GlobalAvgPool2D" })
            add(className, (config, name) => new GlobalAveragePooling2D(DataFormat(config), config.GetBool("keepdims", false), name));
        foreach (string className in new[] { "GlobalMaxPooling3D", "GlobalMaxPool3D" })
            add(className, (config, name) => new GlobalMaxPooling3D(DataFormat(config), config.GetBool("keepdims", false), name));
        foreach (string className in new[] { "GlobalAveragePooling3D", "GlobalAvgPool3D" })
            add(className, (config, name) => new GlobalAveragePooling3D(DataFormat(config), config.GetBool("keepdims", false), name));
    }

    static int[] Ints(ConfigNode config, string key, int rank, int? defaultValue) => ConvolutionalLayerConfigs.Ints(config, key, rank, defaultValue);

    /// <summary>Keras: strides None means pool_size.</summary>
    static int[]? StridesN(ConfigNode config, int rank) => config.Has("strides") ? Ints(config, "strides", rank, null) : null;

    /// <summary>Keras: strides None means pool_size.</summary>
    static int? Strides(ConfigNode config) => config.Has("strides") ? ConvolutionalLayerConfigs.OneInt(config, "strides", null) : null;

    static string Padding(ConfigNode config) => config.Optional("padding")?.String() ?? "valid";

    static string? DataFormat(ConfigNode config) => config.Optional("data_format")?.String();
}
