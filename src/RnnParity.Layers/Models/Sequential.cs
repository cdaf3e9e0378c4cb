using RnnParity.Core.Tensors;
using RnnParity.Layers.Basic;
using RnnParity.Layers.Recurrent;

namespace RnnParity.Layers.Models;

/// <summary>
/// Keras's <c>Sequential</c>: a stack of single-output layers. The input comes from an
/// <see cref="InputLayer"/> added first or from the first layer's Keras 2 input argument
/// (<c>inputShape</c>, <c>batchInputShape</c>, <c>inputLength</c> + <c>inputDim</c>); once it is
/// known every layer is built as it is added, as Keras 3 does.
/// </summary>
public sealed class Sequential : Model
{
    readonly List<Layer> _layers = [];

    public Sequential(string? name = null) : base(name) { }

    public Sequential(IEnumerable<Layer> layers, string? name = null) : base(name)
    {
        foreach (var layer in layers) Add(layer);
    }

    public InputLayer? Input { get; private set; }

    public override IReadOnlyList<Layer> Layers => _layers;

    public override IReadOnlyList<int?[]> InputShapes => Input is null ? throw NotBuilt() : [Input.BatchShape];

    public override IReadOnlyList<string> InputDTypes => Input is null ? throw NotBuilt() : [Input.DType];

    protected override IReadOnlyList<int?[]>? KnownInputShapes => Input is null ? null : [Input.BatchShape];

    public override IReadOnlyList<int?[]> OutputShapes => _layers.Count == 0 ? InputShapes : _layers[^1].OutputShapes.Count == 0 ? throw NotBuilt() : [_layers[^1].OutputShapes[0]];

    public override IEnumerable<(string Path, Variable Weight)> WeightPaths() => base.WeightPaths().Select(p => ($"{Name}/{p.Path}", p.Weight));

    public override IReadOnlyList<Layer> ConsumersOf(int input) =>
        input == 0 && _layers.Count > 0 ? [_layers[0]] : throw new ArgumentOutOfRangeException(nameof(input));

    public void Add(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (layer is InputLayer input)
        {
            if (Input is not null || _layers.Count > 0)
                throw new InvalidOperationException($"model '{Name}': an InputLayer can only be the first layer.");
            Input = input;
            return;
        }
        if (_layers.Count == 0 && Input is null && DeclaredShape(layer) is { } declared)
            Input = new InputLayer(declared);
        if (_layers.Any(l => l.Name == layer.Name))
            throw new InvalidOperationException($"model '{Name}': a layer named '{layer.Name}' is already in the model; layer names must be unique.");
        _layers.Add(layer);
        if (Input is not null) BuildFrom(_layers.Count - 1);
    }

    static int?[]? DeclaredShape(Layer layer) => layer switch
    {
        RecurrentLayer r => r.DeclaredInputShape,
        Bidirectional b => b.DeclaredInputShape,
        Embedding { InputLength: { } length } => [null, length],
        ModelLayer m => m.DeclaredInputShape,
        _ => null,
    };

    /// <summary>Gives a model without a declared input one (a nested Sequential built by its caller).</summary>
    internal void BuildFor(int?[] inputShape)
    {
        if (Input is not null) return;
        Input = new InputLayer(inputShape);
        BuildFrom(0);
    }

    void BuildFrom(int index)
    {
        int?[] shape = index == 0 ? Input!.BatchShape : _layers[index - 1].OutputShapes[0];
        for (int i = index; i < _layers.Count; i++)
        {
            var layer = _layers[i];
            layer.Build([shape]);
            if (layer.OutputShapes.Count != 1)
                throw new LayerConfigurationException(layer.Name, layer.ClassName, "outputs",
                    $"all layers in a Sequential model should have a single output tensor, this one has {layer.OutputShapes.Count} (use a Functional model for return_state).");
            shape = layer.OutputShapes[0];
        }
    }

    public override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, LayerOutputsObserver? onLayerOutputs)
    {
        if (inputs.Count != 1) throw new ArgumentException($"model '{Name}' takes one input, got {inputs.Count}.", nameof(inputs));
        Tensor x = inputs[0];
        if (Input is null)
        {
            // Like Keras, a model without a declared input is built by its first call.
            Input = new InputLayer([null, .. x.Shape[1..]]);
            BuildFrom(0);
        }
        CheckInput(x, Input.BatchShape, $"model '{Name}' input");
        foreach (var layer in _layers)
        {
            x = layer.Call([x])[0];
            onLayerOutputs?.Invoke(layer, 0, [x]);
        }
        return [x];
    }

    InvalidOperationException NotBuilt() => new($"model '{Name}' has no input shape yet: add an InputLayer, give the first layer an input shape, or call it once.");
}
