using System.Text.Json;

namespace RnnParity.KerasConfig;

/// <summary>Config reading that every layer group shares: activations, dtype policies, LoRA.</summary>
public static class ConfigChecks
{
    /// <summary>An activation option by Keras name; <c>null</c> in the file means linear, absent means <paramref name="defaultName"/>.</summary>
    public static string Activation(ConfigNode config, string key, string defaultName)
    {
        var node = config.Optional(key);
        // Keras's activations.get(None) is linear: an explicit null is not the layer's default.
        if (node is null) return config.Kind == JsonValueKind.Object && config.Element.TryGetProperty(key, out _) ? "linear" : defaultName;
        if (node.Value.Kind == JsonValueKind.String) return node.Value.String();
        // A serialised activation object (custom or parameterised): not something we can run.
        throw node.Value.Fail($"expected an activation name, got an object; custom activations are not supported yet");
    }

    /// <summary>Everything here computes in float32; any other dtype policy is refused rather than silently run in float32.</summary>
    public static void DType(ConfigNode config, string layer, string className)
    {
        if (className == "InputLayer") return;
        var dtype = config.Optional("dtype");
        if (dtype is null) return;
        string? policy = dtype.Value.Kind == JsonValueKind.String ? dtype.Value.String()
            : dtype.Value.Optional("config")?.Optional("name")?.String();
        if (policy is not null && policy != "float32")
            throw new KerasConfigException(dtype.Value.Path, $"dtype policy '{policy}' of {className} '{layer}' is not supported yet (only float32)");
    }

    /// <summary>LoRA adapters change the weights a layer computes with; refused until implemented.</summary>
    public static void NoLora(ConfigNode config, string className, string? name)
    {
        if (config.Optional("lora_rank") is { } lora)
            throw lora.Fail($"{className} '{name}': LoRA is not supported yet");
    }
}
