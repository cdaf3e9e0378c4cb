using System.Text.Json;
using RnnParity.Layers.Normalization;

namespace RnnParity.KerasConfig;

/// <summary>Keras's <c>layers/normalization</c>: LayerNormalization, BatchNormalization (inference).</summary>
internal static class NormalizationLayerConfigs
{
    public static void Register(Action<string, LayerBuilder> add)
    {
        add("LayerNormalization", CreateLayerNormalization);
        add("BatchNormalization", CreateBatchNormalization);
    }

    static LayerNormalization CreateLayerNormalization(ConfigNode config, string? name)
    {
        int[] axis = config.Optional("axis") is { } a
            ? a.Kind == JsonValueKind.Array ? a.Items().Select(i => i.Int()).ToArray() : [a.Int()]
            : [-1];
        return new LayerNormalization(axis, config.GetDouble("epsilon", 1e-3), config.GetBool("center", true), config.GetBool("scale", true),
            config.GetBool("rms_scaling", false), name);
    }

    static BatchNormalization CreateBatchNormalization(ConfigNode config, string? name)
    {
        // Keras 2 wrote the axis as a one-item list; Keras 3's legacy loader turns it into that int.
        int axis = -1;
        if (config.Optional("axis") is { } a)
        {
            if (a.Kind != JsonValueKind.Array) axis = a.Int();
            else
            {
                var items = a.Items().ToList();
                axis = items.Count == 1 ? items[0].Int()
                    : throw a.Fail($"BatchNormalization '{name}': expected one axis, got {items.Count}; several axes are not supported yet");
            }
        }
        // synchronized only changes how training gathers batch statistics across devices.
        return new BatchNormalization(axis, config.GetDouble("momentum", 0.99), config.GetDouble("epsilon", 1e-3),
            config.GetBool("center", true), config.GetBool("scale", true), config.GetBool("renorm", false), name);
    }
}
