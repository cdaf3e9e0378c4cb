using System.Text.Json;
using RnnParity.Layers;
using RnnParity.Layers.Basic;
using RnnParity.Layers.Graph;
using RnnParity.Layers.Models;

namespace RnnParity.KerasConfig;

/// <summary>
/// Builds a model from Keras's <c>model.to_json()</c> text (Keras 3 layout: <c>Sequential</c> or
/// <c>Functional</c>), the C# counterpart of <c>keras.models.model_from_json</c>.
/// </summary>
public static class ModelLoader
{
    /// <exception cref="KerasConfigException">the JSON is malformed or describes something unsupported; names the field.</exception>
    public static Model FromJson(string json)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 }); }
        catch (JsonException e) { throw new KerasConfigException($"line {e.LineNumber + 1}, byte {e.BytePositionInLine}", $"malformed JSON: {e.Message}", e); }
        using (doc) return FromConfig(new ConfigNode(doc.RootElement, ""));
    }

    public static Model FromConfig(ConfigNode root)
    {
        string className = root.GetString("class_name");
        ConfigNode config = root.Get("config");
        return className switch
        {
            "Sequential" => LoadSequential(config),
            "Functional" or "Model" => LoadFunctional(config),
            _ => throw root.Get("class_name").Fail($"expected a Sequential or Functional model, got '{className}'"),
        };
    }

    internal static Sequential LoadSequential(ConfigNode config)
    {
        var model = new Sequential(config.Optional("name")?.String());
        var layers = config.Get("layers").Items().ToList();
        if (layers.Count == 0 || layers[0].GetString("class_name") != "InputLayer")
        {
            // Keras 2 files carry the input as the first layer's batch_input_shape, or only as build_input_shape.
            var shape = layers.Count > 0 ? layers[0].Get("config").Optional("batch_input_shape") : null;
            shape ??= config.Optional("build_input_shape");
            if (shape is { } s) model.Add(new InputLayer(s.Shape()));
        }
        foreach (var spec in layers)
        {
            try { model.Add(LayerFactory.Create(spec)); }
            catch (Exception e) when (e is LayerConfigurationException or InvalidOperationException or ArgumentException)
            {
                throw new KerasConfigException(spec.Path, e.Message, e);
            }
        }
        return model;
    }

    internal static Functional LoadFunctional(ConfigNode config)
    {
        var layers = new Dictionary<string, Layer>(StringComparer.Ordinal);
        var order = new List<Layer>();
        var specs = config.Get("layers").Items().ToList();
        foreach (var spec in specs)
        {
            var layer = LayerFactory.Create(spec);
            if (!layers.TryAdd(layer.Name, layer)) throw spec.Fail($"two layers are named '{layer.Name}'");
            order.Add(layer);
        }
        // Nodes are created in file order; Keras writes producers before consumers.
        var tensors = new Dictionary<(string, int, int), KerasTensor>();
        foreach (var spec in specs)
        {
            var layer = layers[spec.Get("config").GetString("name")];
            int nodeIndex = 0;
            if (layer is InputLayer input)
            {
                var t = input.CreateInputTensor();
                tensors[(layer.Name, 0, 0)] = t;
                continue;
            }
            foreach (var node in spec.Get("inbound_nodes").Items())
            {
                AttentionCallArguments.Read(layer, node.Optional("kwargs"));
                var call = InboundNodes.Bind(layer, node, history => Lookup(history, tensors));
                try
                {
                    var outputs = layer.ApplyMany(call);
                    for (int i = 0; i < outputs.Count; i++) tensors[(layer.Name, nodeIndex, i)] = outputs[i];
                }
                catch (Exception e) when (e is LayerConfigurationException or ArgumentException)
                {
                    throw new KerasConfigException(node.Path, e.Message, e);
                }
                nodeIndex++;
            }
        }
        var modelInputs = History(config.Get("input_layers"), tensors);
        var modelOutputs = History(config.Get("output_layers"), tensors);
        try { return new Functional(modelInputs, modelOutputs, config.Optional("name")?.String(), order); }
        catch (ArgumentException e) { throw new KerasConfigException(config.Path, e.Message, e); }
    }

    static KerasTensor Lookup(ConfigNode history, Dictionary<(string, int, int), KerasTensor> tensors)
    {
        var parts = history.Items().ToList();
        if (parts.Count != 3) throw history.Fail("expected [layer name, node index, tensor index]");
        var key = (parts[0].String(), parts[1].Int(min: 0), parts[2].Int(min: 0));
        return tensors.TryGetValue(key, out var t) ? t
            : throw history.Fail($"refers to {key.Item1}[{key.Item2}][{key.Item3}], which no earlier layer produces");
    }

    /// <summary><c>input_layers</c>/<c>output_layers</c>: one <c>[name, node, tensor]</c> triple, or a list of them.</summary>
    static List<KerasTensor> History(ConfigNode node, Dictionary<(string, int, int), KerasTensor> tensors)
    {
        var items = node.Items().ToList();
        if (items.Count > 0 && items[0].Kind == JsonValueKind.String) return [Lookup(node, tensors)];
        return items.Select(i => Lookup(i, tensors)).ToList();
    }
}
