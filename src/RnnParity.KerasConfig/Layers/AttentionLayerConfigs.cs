using RnnParity.Layers.Attention;

namespace RnnParity.KerasConfig;

/// <summary>Keras's <c>layers/attention</c>: Attention, AdditiveAttention.</summary>
internal static class AttentionLayerConfigs
{
    public static void Register(Action<string, LayerBuilder> add)
    {
        // dropout and seed only act in training.
        add("Attention", (config, name) => new Attention(config.GetBool("use_scale", false),
            config.Optional("score_mode")?.String() ?? "dot", config.GetDouble("dropout", 0.0), name));
        add("AdditiveAttention", (config, name) => new AdditiveAttention(config.GetBool("use_scale", true), config.GetDouble("dropout", 0.0), name));
    }
}
