using System.Text.Json;
using RnnParity.Layers.Activations;

namespace RnnParity.KerasConfig;

/// <summary>Keras's <c>layers/activations</c>: Activation, ReLU, LeakyReLU, PReLU, ELU, Softmax.</summary>
internal static class ActivationLayerConfigs
{
    public static void Register(Action<string, LayerBuilder> add)
    {
        add("Activation", (config, name) => new Activation(ActivationName(config), name));
        add("ReLU", (config, name) => new ReLU(config.Optional("max_value")?.Double(), NotNull(config, "negative_slope", 0.0),
            NotNull(config, "threshold", 0.0), name));
        // Keras 3's LeakyReLU still accepts Keras 2's `alpha` for the slope.
        add("LeakyReLU", (config, name) => new LeakyReLU(
            config.Has("negative_slope") || !config.Has("alpha") ? NotNull(config, "negative_slope", 0.3) : config.Get("alpha").Double(), name));
        add("PReLU", CreatePReLU);
        add("ELU", (config, name) => new ELU(config.GetDouble("alpha", 1.0), name));
        add("Softmax", CreateSoftmax);
    }

    /// <summary>A number that may be absent (then <paramref name="defaultValue"/>) but not null: Keras raises
    /// "cannot be None" for ReLU's and LeakyReLU's slopes and threshold.</summary>
    static double NotNull(ConfigNode config, string key, double defaultValue)
    {
        if (config.Kind == JsonValueKind.Object && config.Element.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Null)
            throw new KerasConfigException($"{config.Path}.{key}", "cannot be None; expected a number >= 0");
        return config.GetDouble(key, defaultValue);
    }

    /// <summary>Activation's <c>activation</c> is required (no default), unlike a Dense option.</summary>
    static string ActivationName(ConfigNode config)
    {
        if (config.Kind == JsonValueKind.Object && !config.Element.TryGetProperty("activation", out _))
            throw new KerasConfigException($"{config.Path}.activation", "required field is missing");
        return ConfigChecks.Activation(config, "activation", "linear");
    }

    static PReLU CreatePReLU(ConfigNode config, string? name)
    {
        int[]? shared = config.Optional("shared_axes") is { } node
            ? node.Kind == JsonValueKind.Number ? [node.Int()] : node.Items().Select(i => i.Int()).ToArray()
            : null;
        return new PReLU(shared, name);
    }

    static Softmax CreateSoftmax(ConfigNode config, string? name)
    {
        if (config.Optional("axis") is not { } node) return new Softmax(-1, name);
        if (node.Kind == JsonValueKind.Number) return new Softmax(node.Int(), name);
        int[] axes = node.Items().Select(i => i.Int()).ToArray();
        return axes.Length == 1 ? new Softmax(axes[0], name) : new Softmax(axes, name);
    }
}
