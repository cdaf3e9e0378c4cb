using System.Text.Json;
using RnnParity.Layers.Attention;

namespace RnnParity.KerasConfig;

/// <summary>Keras's <c>layers/attention</c>: Attention, AdditiveAttention, MultiHeadAttention.</summary>
internal static class AttentionLayerConfigs
{
    public static void Register(Action<string, LayerBuilder> add)
    {
        // dropout and seed only act in training.
        add("Attention", (config, name) => new Attention(NoKeras2Causal(config, name).GetBool("use_scale", false),
            config.Optional("score_mode")?.String() ?? "dot", config.GetDouble("dropout", 0.0), name));
        add("AdditiveAttention", (config, name) => new AdditiveAttention(NoKeras2Causal(config, name).GetBool("use_scale", true),
            config.GetDouble("dropout", 0.0), name));
        add("MultiHeadAttention", CreateMultiHeadAttention);
    }

    /// <summary>tf.keras 2 saved a layer-level <c>causal</c> option (replaced by the call argument
    /// <c>use_causal_mask</c>); it changes the result, so it is refused rather than read past.</summary>
    static ConfigNode NoKeras2Causal(ConfigNode config, string? name) =>
        config.GetBool("causal", false) ? throw config.Get("causal").Fail($"'{name}': the Keras 2 option causal=True is not supported yet") : config;

    static MultiHeadAttention CreateMultiHeadAttention(ConfigNode config, string? name)
    {
        string who = $"MultiHeadAttention '{name}'";
        if (config.GetBool("use_gate", false)) throw config.Get("use_gate").Fail($"{who}: use_gate is not supported yet");
        if (config.GetBool("flash_attention", false)) throw config.Get("flash_attention").Fail($"{who}: flash_attention is not supported yet");
        int? outputShape = null;
        if (config.Optional("output_shape") is { } shape)
        {
            var dims = shape.Kind == JsonValueKind.Array ? shape.Items().ToList() : [shape];
            outputShape = dims.Count == 1 ? dims[0].Int(min: 1)
                : throw shape.Fail($"{who}: an output_shape of {dims.Count} dimensions is not supported yet (only one)");
        }
        if (config.Optional("attention_axes") is { } axes)
        {
            // Inputs are (batch, steps, features) here, whose only attention axis is 1 (or -2 counted on the projected rank 4).
            var items = axes.Kind == JsonValueKind.Array ? axes.Items().Select(a => a.Int()).ToList() : [axes.Int()];
            if (items.Count != 1 || items[0] is not (1 or -2))
                throw axes.Fail($"{who}: attention_axes other than the steps axis (1) are not supported yet");
        }
        int? valueDim = config.Optional("value_dim")?.Int(min: 1);
        int? window = config.Optional("sliding_window")?.Int(min: 1);
        return new MultiHeadAttention(config.GetInt("num_heads", min: 1), config.GetInt("key_dim", min: 1), valueDim,
            config.GetDouble("dropout", 0.0), config.GetBool("use_bias", true), outputShape, window, name);
    }
}
