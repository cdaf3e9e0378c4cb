using System.Text.Json.Nodes;
using RnnParity.Core.Activations;

namespace RnnParity.KerasConfig.Legacy;

/// <summary>
/// Turns a model config written by Keras 2 (standalone Keras 2.x or tf.keras 2.x) into the Keras 3
/// config the one <see cref="LayerFactory"/> builds, as <c>keras/src/legacy/saving/</c> and
/// Keras 3's Functional loader do: this is the only place that knows a file was old.
/// <list type="bullet">
/// <item><c>Model</c> → <c>Functional</c>; a Sequential config that is a bare list of layers → <c>{"layers": [...]}</c>.</item>
/// <item>Inbound nodes as nested lists <c>[[layer, node, tensor, kwargs], ...]</c> → <c>{"args", "kwargs"}</c>
/// with <c>__keras_tensor__</c> entries; several inputs become one list argument, as Keras 3's
/// <c>functional.deserialize_node</c> calls <c>layer([a, b, c])</c> (an RNN takes the rest as its initial state);
/// tensors in kwargs written as <c>[layer, node, tensor]</c> (tf.keras <c>initial_state</c>) become keras tensors.</item>
/// <item>InputLayer <c>batch_input_shape</c> → <c>batch_shape</c>; <c>time_major: false</c> and
/// <c>implementation</c> (performance hints) are dropped.</item>
/// <item>GRU without <c>reset_after</c> → <c>false</c> (Keras 2's default; Keras 3's is true).</item>
/// <item><c>hard_sigmoid</c> → Keras 2's clip(0.2x + 0.5, 0, 1) (<see cref="KerasActivations.Keras2HardSigmoid"/>)
/// unless <c>keras3Activations</c> (<see cref="Upgrade"/>): Keras 3 itself silently gives such a file its own
/// relu6(x + 3)/6, which changes what a trained model computes. Every place is recorded.</item>
/// </list>
/// </summary>
public static class Keras2ConfigUpgrade
{
    static readonly HashSet<string> ActivationKeys = new(StringComparer.Ordinal) { "activation", "recurrent_activation" };

    /// <summary>Upgrades <paramref name="root"/> in place; returns where Keras 2 semantics were kept (<c>lstm_1.recurrent_activation</c>).</summary>
    public static IReadOnlyList<string> Upgrade(JsonObject root, bool keras3Activations)
    {
        var kept = new List<string>();
        string? className = (string?)root["class_name"];
        if (className == "Model") root["class_name"] = "Functional";
        if (root["config"] is JsonArray bare)
        {
            root["config"] = new JsonObject { ["layers"] = bare.DeepClone() };
        }
        if (root["config"] is JsonObject config && config["layers"] is JsonArray layers)
        {
            foreach (var layer in layers.OfType<JsonObject>())
            {
                UpgradeLayer(layer, keras3Activations, kept);
                if (layer["inbound_nodes"] is JsonArray nodes) layer["inbound_nodes"] = UpgradeNodes(nodes);
            }
        }
        return kept;
    }

    static void UpgradeLayer(JsonObject spec, bool keras3Activations, List<string> kept)
    {
        if (spec["config"] is not JsonObject config) return;
        string? className = (string?)spec["class_name"];
        string name = (string?)config["name"] ?? className ?? "?";
        if (className == "InputLayer" && config["batch_input_shape"] is { } shape && config["batch_shape"] is null)
        {
            config.Remove("batch_input_shape");
            config["batch_shape"] = shape.DeepClone();
        }
        if (config["time_major"] is JsonValue tm && tm.TryGetValue(out bool timeMajor) && !timeMajor) config.Remove("time_major");
        config.Remove("implementation");
        if (className == "GRU" && !config.ContainsKey("reset_after")) config["reset_after"] = false;
        foreach (string key in ActivationKeys)
        {
            if (config[key] is JsonValue v && v.TryGetValue(out string? act) && act == "hard_sigmoid")
            {
                if (!keras3Activations) config[key] = KerasActivations.Keras2HardSigmoid;
                kept.Add($"{name}.{key}");
            }
        }
        // Wrappers hold whole layer specs (Bidirectional: layer, backward_layer; TimeDistributed: layer).
        foreach (string key in new[] { "layer", "backward_layer" })
            if (config[key] is JsonObject inner) UpgradeLayer(inner, keras3Activations, kept);
    }

    static JsonArray UpgradeNodes(JsonArray nodes)
    {
        var result = new JsonArray();
        foreach (var node in nodes)
        {
            if (node is not JsonArray entries)
            {
                result.Add(node?.DeepClone());
                continue;
            }
            var tensors = new JsonArray();
            JsonObject kwargs = new();
            foreach (var entry in entries)
            {
                if (entry is not JsonArray e || e.Count is < 3 or > 4)
                {
                    tensors.Add(entry?.DeepClone());
                    continue;
                }
                tensors.Add(Tensor(e));
                if (e.Count == 4 && e[3] is JsonObject k) kwargs = UpgradeKwargs(k);
            }
            JsonNode arg = tensors.Count == 1 ? tensors[0]!.DeepClone() : tensors;
            result.Add(new JsonObject { ["args"] = new JsonArray(arg), ["kwargs"] = kwargs });
        }
        return result;
    }

    static JsonObject UpgradeKwargs(JsonObject kwargs)
    {
        var result = new JsonObject();
        foreach (var (key, value) in kwargs) result[key] = TensorsIn(value);
        return result;
    }

    /// <summary>tf.keras writes a tensor inside kwargs as <c>[layer, node, tensor]</c>.</summary>
    static JsonNode? TensorsIn(JsonNode? value)
    {
        if (value is JsonArray a)
        {
            if (a.Count == 3 && a[0] is JsonValue v && v.TryGetValue(out string? _) && a[1] is JsonValue && a[2] is JsonValue) return Tensor(a);
            var list = new JsonArray();
            foreach (var item in a) list.Add(TensorsIn(item));
            return list;
        }
        return value?.DeepClone();
    }

    static JsonObject Tensor(JsonArray entry) => new()
    {
        ["class_name"] = "__keras_tensor__",
        ["config"] = new JsonObject { ["keras_history"] = new JsonArray(entry[0]?.DeepClone(), entry[1]?.DeepClone(), entry[2]?.DeepClone()) },
    };
}
