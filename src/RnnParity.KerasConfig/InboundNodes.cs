using System.Text.Json;
using RnnParity.Core.Tensors;
using RnnParity.Layers;
using RnnParity.Layers.Graph;
using RnnParity.Layers.Ops;

namespace RnnParity.KerasConfig;

/// <summary>
/// One entry of a layer's <c>inbound_nodes</c> as Keras 3 writes it (<c>{"args": [...], "kwargs": {...}}</c>,
/// <c>keras/src/ops/node.py</c> + <c>keras/src/models/functional.py</c> <c>serialize_node</c>) → the
/// <see cref="LayerCall"/> the layer is applied with.
/// </summary>
/// <remarks>
/// Positional arguments: a tensor, a list of tensors, or (for operations) a constant number or
/// boolean. Keyword arguments: <c>training</c> is read past (inference); <c>mask</c> is an explicit
/// mask tensor (null: none); others must be among the layer's <see cref="Layer.CallKeywords"/>
/// (<c>initial_state</c>), or they are refused by name.
/// </remarks>
internal static class InboundNodes
{
    public static LayerCall Bind(Layer layer, ConfigNode node, Func<ConfigNode, KerasTensor> lookup)
    {
        var inputs = new List<CallInput>();
        var recorded = new List<KerasTensor>();
        int tensorArguments = 0;
        foreach (var arg in node.Get("args").Items())
        {
            if (IsTensorArgument(arg))
            {
                tensorArguments++;
                foreach (var t in Tensors(arg, lookup))
                {
                    if (t is null) throw arg.Fail($"{layer.ClassName} '{layer.Name}': a null entry among the input tensors is not supported yet");
                    inputs.Add(t);
                    recorded.Add(t);
                }
            }
            else if (layer is OpLayer) inputs.Add(new CallInput(Constant(arg, layer)));
            else throw arg.Fail($"{layer.ClassName} '{layer.Name}': a constant positional argument is not supported yet (only operations such as NotEqual take constants)");
        }

        List<KerasTensor?>? masks = null;
        var keywordMasks = new KerasTensor?[layer.MaskKeywords.Count];
        var keywordTensors = new Dictionary<string, List<KerasTensor>>(StringComparer.Ordinal);
        if (node.Optional("kwargs") is { } kwargs)
        {
            if (kwargs.Kind != JsonValueKind.Object) throw kwargs.Fail("expected an object of keyword arguments");
            // Keras flattens keyword arguments by sorted name (tree.flatten of a dict); the graph order follows it.
            foreach (var property in kwargs.Element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                var value = kwargs.Get(property.Name);
                if (property.Name == "training")
                {
                    if (value.Kind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
                        throw value.Fail("expected true, false or null");
                    continue;
                }
                // Keras records "mask": null for every layer whose call takes a mask and got none; on a
                // reload Keras fills it from the input as if absent, so it is absent here too.
                if (property.Name == "mask" && value.Kind == JsonValueKind.Null) continue;
                // Options such as use_causal_mask are read by the layer's own reader (AttentionCallArguments).
                if (layer.CallOptions.Contains(property.Name)) continue;
                int maskKeyword = IndexOf(layer.MaskKeywords, property.Name);
                if (maskKeyword >= 0)
                {
                    // value_mask=None is what Keras fills from the value's own mask: as if absent.
                    if (value.Kind == JsonValueKind.Null) continue;
                    if (!IsTensorArgument(value) || value.Kind == JsonValueKind.Array)
                        throw value.Fail($"{layer.ClassName} '{layer.Name}': call argument '{property.Name}' must be one mask tensor or null");
                    var tensor = Tensors(value, lookup)[0]!;
                    keywordMasks[maskKeyword] = tensor;
                    tensorArguments++;
                    recorded.Add(tensor);
                    continue;
                }
                bool declared = layer.CallKeywords.Contains(property.Name);
                if (!declared)
                    throw value.Fail($"{layer.ClassName} '{layer.Name}': call argument '{property.Name}' is not supported yet"
                        + (layer.CallKeywords.Count == 0 ? " (it takes none besides training)" : $" (it takes {string.Join(", ", layer.CallKeywords)}, training)"));
                if (value.Kind == JsonValueKind.Null) continue;
                if (property.Name == "mask")
                {
                    masks = Masks(layer, value, inputs.Count, lookup);
                    tensorArguments++;
                    recorded.AddRange(masks.OfType<KerasTensor>());
                    continue;
                }
                if (!IsTensorArgument(value))
                    throw value.Fail($"{layer.ClassName} '{layer.Name}': call argument '{property.Name}' must be a tensor or a list of tensors");
                var tensors = Tensors(value, lookup);
                tensorArguments++;
                recorded.AddRange(tensors.OfType<KerasTensor>());
                keywordTensors[property.Name] = tensors.Select(t => t ?? throw value.Fail($"{layer.ClassName} '{layer.Name}': call argument '{property.Name}' holds a null tensor")).ToList();
            }
        }
        // Keyword tensors follow the positional ones in the order the layer declares them.
        foreach (var keyword in layer.CallKeywords)
            if (keywordTensors.TryGetValue(keyword, out var tensors)) inputs.AddRange(tensors.Select(t => new CallInput(t)));
        if (keywordMasks.Any(m => m is not null)) masks = [.. keywordMasks];

        if (tensorArguments == 0) throw node.Fail($"{layer.ClassName} '{layer.Name}': the call has no tensor argument");
        return new LayerCall(inputs, tensorArguments, masks, recorded);
    }

    /// <summary>
    /// A <c>__keras_tensor__</c>, or a (nested) list holding those and nulls, at least one tensor (Keras's
    /// <c>CallSpec</c>: a list mixing tensors and constants is refused, <c>None</c> entries are allowed).
    /// </summary>
    static bool IsTensorArgument(ConfigNode node) => node.Kind switch
    {
        JsonValueKind.Object => IsTensor(node),
        JsonValueKind.Array => node.Items().Any(IsTensorArgument) && node.Items().All(i => i.Kind == JsonValueKind.Null || IsTensorArgument(i)),
        _ => false,
    };

    static bool IsTensor(ConfigNode node) =>
        node.Kind == JsonValueKind.Object && node.Optional("class_name") is { Kind: JsonValueKind.String } c && c.String() == "__keras_tensor__";

    /// <summary>The tensors of an argument in flattened order, null for its null entries.</summary>
    static List<KerasTensor?> Tensors(ConfigNode node, Func<ConfigNode, KerasTensor> lookup)
    {
        if (node.Kind == JsonValueKind.Array) return node.Items().SelectMany(i => Tensors(i, lookup)).ToList();
        if (node.Kind == JsonValueKind.Null) return [null];
        return [lookup(node.Get("config").Get("keras_history"))];
    }

    /// <summary>
    /// An explicit <c>mask=</c>: one tensor, or a list of tensors and nulls (<c>[query_mask, value_mask]</c>
    /// for Attention, one per input for a nested model), checked by the layer.
    /// </summary>
    static List<KerasTensor?> Masks(Layer layer, ConfigNode value, int inputCount, Func<ConfigNode, KerasTensor> lookup)
    {
        string where = $"{layer.ClassName} '{layer.Name}': call argument 'mask'";
        if (value.Kind == JsonValueKind.Array)
        {
            if (!value.Items().All(i => i.Kind == JsonValueKind.Null || IsTensor(i)))
                throw value.Fail($"{where} must be a mask tensor or a flat list of mask tensors and nulls");
            var list = value.Items().Select(i => i.Kind == JsonValueKind.Null ? null : lookup(i.Get("config").Get("keras_history"))).ToList();
            if (layer.MaskListProblem(list.Count, inputCount) is { } listProblem) throw value.Fail($"{where}: {listProblem}");
            return list;
        }
        if (!IsTensor(value)) throw value.Fail($"{where} must be a tensor or a list of tensors");
        if (layer.SingleMaskProblem(inputCount) is { } problem) throw value.Fail($"{where}: {problem}");
        return [lookup(value.Get("config").Get("keras_history"))];
    }

    static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++) if (names[i] == name) return i;
        return -1;
    }

    /// <summary>A number or boolean written into the node → a scalar (booleans as 0/1, as every bool here).</summary>
    static Tensor Constant(ConfigNode node, Layer layer) => node.Kind switch
    {
        JsonValueKind.Number => new Tensor([], [(float)node.Double()]),
        JsonValueKind.True => new Tensor([], [1f]),
        JsonValueKind.False => new Tensor([], [0f]),
        _ => throw node.Fail($"{layer.ClassName} '{layer.Name}': only number and boolean constants are supported yet as arguments"),
    };
}
