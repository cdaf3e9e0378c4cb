using RnnParity.Core.Tensors;
using RnnParity.Layers.Basic;
using RnnParity.Layers.Graph;

namespace RnnParity.Layers.Models;

/// <summary>
/// Keras's functional <c>Model(inputs, outputs)</c>: a graph of layer calls on symbolic tensors,
/// with any number of inputs and outputs (several outputs per layer with return_state).
/// </summary>
public sealed class Functional : Model
{
    readonly List<Node> _nodes;
    readonly List<Layer> _layers;
    readonly List<Layer> _modelLayers;

    public Functional(IReadOnlyList<KerasTensor> inputs, IReadOnlyList<KerasTensor> outputs, string? name = null, IReadOnlyList<Layer>? layerOrder = null)
        : base(name)
    {
        if (inputs.Count == 0) throw new ArgumentException("a functional model needs at least one input.", nameof(inputs));
        if (outputs.Count == 0) throw new ArgumentException("a functional model needs at least one output.", nameof(outputs));
        foreach (var input in inputs)
            if (input.Layer is not InputLayer)
                throw new ArgumentException($"model inputs must come from Input(), got {input}.", nameof(inputs));
        Inputs = inputs;
        Outputs = outputs;
        GraphMap map = Topology.Map(inputs, outputs);
        _nodes = map.Nodes;
        NodeDepth = map.NodeDepth;
        foreach (var node in _nodes.Where(n => n.Layer is InputLayer))
            if (!inputs.Any(i => i.Node == node))
                throw new ArgumentException($"the graph needs input '{node.Layer.Name}', which is not among the model inputs (graph disconnected).", nameof(inputs));
        _layers = layerOrder?.ToList() ?? map.Layers;
        if (_layers.Count != map.Layers.Count || map.Layers.Any(l => !_layers.Contains(l)))
            throw new ArgumentException("layerOrder must list exactly the layers of the graph.", nameof(layerOrder));
        _modelLayers = _layers.Where(l => l is not Ops.OpLayer).ToList();
    }

    public IReadOnlyList<KerasTensor> Inputs { get; }

    public IReadOnlyList<KerasTensor> Outputs { get; }

    /// <summary>Keras's node depth: 0 for the nodes producing outputs, growing towards the inputs.</summary>
    internal IReadOnlyDictionary<Node, int> NodeDepth { get; }

    internal IReadOnlyList<Node> Nodes => _nodes;

    /// <summary>
    /// Keras's <c>model.layers</c>: the graph's layers, without the operations (<c>keras.ops</c> calls
    /// such as <c>NotEqual</c>), which Keras keeps out of it.
    /// </summary>
    public override IReadOnlyList<Layer> Layers => _modelLayers;

    /// <summary>Keras's <c>model._operations</c>: layers and operations in graph order, as the summary lists them.</summary>
    public IReadOnlyList<Layer> Operations => _layers;

    public override IReadOnlyList<int?[]> InputShapes => Inputs.Select(i => i.Shape).ToList();

    public override IReadOnlyList<int?[]> OutputShapes => Outputs.Select(o => o.Shape).ToList();

    public override IReadOnlyList<string> InputDTypes => Inputs.Select(i => ((InputLayer)i.Layer).DType).ToList();

    public override IReadOnlyList<Layer> ConsumersOf(int input) =>
        _nodes.Where(n => n.Inputs.Contains(Inputs[input])).Select(n => n.Layer).Distinct().ToList();

    public override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, LayerOutputsObserver? onLayerOutputs)
    {
        if (inputs.Count != Inputs.Count)
            throw new ArgumentException($"model '{Name}' takes {Inputs.Count} input(s), got {inputs.Count}.", nameof(inputs));
        var values = new Dictionary<KerasTensor, Tensor>();
        for (int i = 0; i < inputs.Count; i++)
        {
            CheckInput(inputs[i], Inputs[i].Shape, $"model '{Name}' input {i} ('{Inputs[i].Layer.Name}')");
            values[Inputs[i]] = inputs[i];
            onLayerOutputs?.Invoke(Inputs[i].Layer, 0, [inputs[i]]);
        }
        Dictionary<Layer, int>? calls = onLayerOutputs is null ? null : [];
        foreach (var node in _nodes)
        {
            if (node.Layer is InputLayer) continue;
            var call = node.Call!;
            var args = call.Inputs.Select(i => i.Symbol is { } s ? values[s] : i.Constant!).ToList();
            var masks = call.Masks?.Select(m => m is null ? null : values[m]).ToList();
            var results = CallMasks.Invoke(node.Layer, args, masks, call.TensorArguments);
            if (node.Layer.DeletesInputMasks) ForgetMasks(values, args);
            for (int k = 0; k < node.Outputs.Count; k++) values[node.Outputs[k]] = results[k];
            if (calls is not null)
            {
                int n = calls.GetValueOrDefault(node.Layer);
                calls[node.Layer] = n + 1;
                onLayerOutputs!(node.Layer, n, results);
            }
        }
        return Outputs.Select(o => values[o]).ToList();
    }

    /// <summary>
    /// Keras's <c>set_keras_mask(x, None)</c> on the tensors a call was given: every graph tensor that
    /// holds one of those very objects (an identity layer such as Dropout passes its input object on,
    /// as in Keras) is unmasked for the nodes that run later. The values are replaced by unmasked views,
    /// so the caller's own input tensors are left untouched.
    /// </summary>
    static void ForgetMasks(Dictionary<KerasTensor, Tensor> values, IReadOnlyList<Tensor> given)
    {
        // One unmasked view per object, so that tensors sharing an object still share one afterwards.
        var unmasked = new Dictionary<Tensor, Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var key in values.Keys.ToList())
        {
            Tensor value = values[key];
            if (value.Mask is null || !given.Any(g => ReferenceEquals(g, value))) continue;
            if (!unmasked.TryGetValue(value, out var view)) unmasked[value] = view = new Tensor(value.Shape, value.Data);
            values[key] = view;
        }
    }

    /// <summary>
    /// Keras's rule (<c>summary_utils.print_summary</c>) for printing a functional model like a
    /// Sequential one: one node per depth, each with at most one input tensor, and no shared layer.
    /// </summary>
    public bool IsSequentialLike
    {
        get
        {
            foreach (var group in _nodes.GroupBy(n => NodeDepth[n]))
                if (group.Count() > 1 || group.Single().Inputs.Count > 1) return false;
            return _layers.All(l => l.InboundNodes.Count(_nodes.Contains) <= 1);
        }
    }

    /// <summary>Keras's "Connected to" cell for a layer: its inbound tensors as <c>layer[node][tensor]</c>.</summary>
    public IReadOnlyList<string> ConnectedTo(Layer layer) =>
        _nodes.Where(n => n.Layer == layer).SelectMany(n => n.Inputs).Select(t => t.HistoryLabel).ToList();
}
