using NumSharp;
using RnnParity.Core.Tensors;
using RnnParity.Layers.Interop;
using RnnParity.Layers.Naming;

namespace RnnParity.Layers.Models;

/// <summary>
/// What Sequential and Functional models share: calling, predicting, weights in Keras's
/// <c>get_weights()</c> order, parameter counts and the summary.
/// </summary>
public abstract class Model
{
    protected Model(string? name) => Name = name ?? KerasNames.AutoName(GetType().Name);

    public string Name { get; }

    public virtual string ClassName => GetType().Name;

    /// <summary>Keras's <c>model.layers</c>: Sequential leaves the InputLayer out, Functional keeps it.</summary>
    public abstract IReadOnlyList<Layer> Layers { get; }

    /// <summary>Batch shapes of the model inputs, <c>null</c> where unknown.</summary>
    public abstract IReadOnlyList<int?[]> InputShapes { get; }

    /// <summary>The dtypes of the model inputs (<c>float32</c>, or <c>int32</c> for token indices).</summary>
    public abstract IReadOnlyList<string> InputDTypes { get; }

    /// <summary>The input shapes when known; null for a Sequential model not built yet.</summary>
    protected virtual IReadOnlyList<int?[]>? KnownInputShapes => InputShapes;

    /// <summary>Keras's <c>model.output_shape</c>, one shape per output.</summary>
    public abstract IReadOnlyList<int?[]> OutputShapes { get; }

    /// <summary>The layers that take model input <paramref name="input"/> directly.</summary>
    public abstract IReadOnlyList<Layer> ConsumersOf(int input);

    /// <summary>Runs the model on concrete inputs, in the model's input order; returns outputs in its output order.</summary>
    public IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs) => Call(inputs, null);

    /// <summary>
    /// Runs the model and hands every layer call's outputs to <paramref name="onLayerOutputs"/> as they
    /// are computed (graph order; the model's InputLayers too, with the inputs), for layer-by-layer
    /// comparisons. Null costs nothing.
    /// </summary>
    public abstract IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, LayerOutputsObserver? onLayerOutputs);

    public Tensor Call(Tensor input) => Call([input])[0];

    ModelLayer? _asLayer;

    /// <summary>
    /// This model as a layer of another model (Keras's <c>model(x)</c> inside a functional graph, or
    /// <c>Sequential([..., model])</c>); always the same layer object, so calling it twice shares weights.
    /// </summary>
    public ModelLayer AsLayer() => _asLayer ??= new ModelLayer(this);

    /// <summary>
    /// Keras's <c>model.predict(x)</c> for one input and one output, inference only (<c>training=False</c>).
    /// (batch, timesteps, features) in; (batch, units) or (batch, timesteps, units) out, float32. Any
    /// numeric dtype is accepted and read as float32 (token ids stay exact below 2^24). A model whose
    /// input is 3-D also takes a 2-D (timesteps, features) array, runs it as a batch of one and drops
    /// that batch axis again, like the tutorial's NumPy loop.
    /// </summary>
    /// <exception cref="InvalidOperationException">the model has more than one input or output: use <see cref="PredictMany(NDArray[])"/>.</exception>
    /// <exception cref="ArgumentException">the input's shape does not match the model's input shape.</exception>
    public NDArray Predict(NDArray x)
    {
        var outputs = PredictMany(x);
        if (outputs.Length != 1)
            throw new InvalidOperationException($"model '{Name}' has {outputs.Length} outputs; use PredictMany.");
        return outputs[0];
    }

    /// <summary>
    /// <see cref="Predict(NDArray)"/> on plain arrays: <paramref name="data"/> holds the input in C
    /// (row-major) order with shape <paramref name="shape"/>; the output comes back the same way.
    /// <c>var (y, yShape) = model.Predict(x, [8, 2, 10]);</c>
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="data"/>'s length is not the product of <paramref name="shape"/>, or the shape does not fit the model.</exception>
    public (float[] Data, int[] Shape) Predict(ReadOnlySpan<float> data, ReadOnlySpan<int> shape)
    {
        var outputs = PredictMany((data.ToArray(), shape.ToArray()));
        if (outputs.Length != 1)
            throw new InvalidOperationException($"model '{Name}' has {outputs.Length} outputs; use PredictMany.");
        return outputs[0];
    }

    /// <summary>
    /// Keras's <c>model.predict([x1, x2, ...])</c>: one array per model input in the model's input order,
    /// one array per output in its output order. Same conventions as <see cref="Predict(NDArray)"/>.
    /// </summary>
    public NDArray[] PredictMany(params NDArray[] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return PredictTensors(inputs.Select(NDArrayConvert.ToTensor).ToList()).Select(NDArrayConvert.ToNDArray).ToArray();
    }

    /// <summary><see cref="PredictMany(NDArray[])"/> on plain arrays: each input and output as its C-order values and shape.</summary>
    public (float[] Data, int[] Shape)[] PredictMany(params (float[] Data, int[] Shape)[] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var tensors = inputs.Select(i => new Tensor((int[])i.Shape.Clone(), (float[])i.Data.Clone())).ToList();
        return PredictTensors(tensors).Select(t => (t.Data, t.Shape)).ToArray();
    }

    /// <summary>The one predict path: input count, the unbatched 2-D convenience, the call.</summary>
    IReadOnlyList<Tensor> PredictTensors(List<Tensor> tensors)
    {
        // A model without a declared input is built by this call, so its shapes may not be known yet.
        var known = KnownInputShapes;
        if (known is not null && tensors.Count != known.Count)
            throw new ArgumentException($"model '{Name}' takes {known.Count} input(s), got {tensors.Count}.", "inputs");
        bool unbatched = known is not null && tensors.Count == 1 && known[0].Length == 3 && tensors[0].Rank == 2;
        if (unbatched) tensors[0] = new Tensor([1, .. tensors[0].Shape], tensors[0].Data);
        var outputs = Call(tensors);
        return unbatched ? outputs.Select(o => o.Shape[0] == 1 ? new Tensor(o.Shape[1..], o.Data) : o).ToList() : outputs;
    }

    public IEnumerable<Variable> Weights => Layers.SelectMany(l => l.Weights);

    /// <summary>Each weight with its Keras variable path (<c>model.weights[i].path</c>).</summary>
    public virtual IEnumerable<(string Path, Variable Weight)> WeightPaths() => Layers.SelectMany(l => l.WeightPaths());

    /// <summary>Keras's <c>model.get_weights()</c>: float32 copies, in order (a kernel is (input, gates·units), as Keras stores it).</summary>
    public NDArray[] GetWeights() => Weights.Select(w => np.array((float[])w.Data.Clone()).reshape(w.Shape)).ToArray();

    /// <summary><see cref="GetWeights"/> as plain arrays: each weight's C-order values and shape (copies).</summary>
    public (float[] Data, int[] Shape)[] GetWeightArrays() => Weights.Select(w => ((float[])w.Data.Clone(), (int[])w.Shape.Clone())).ToArray();

    /// <summary><see cref="GetWeights"/> as the compute type <see cref="Tensor"/> (copies).</summary>
    public IReadOnlyList<Tensor> GetWeightTensors() => Weights.Select(w => new Tensor((int[])w.Shape.Clone(), (float[])w.Data.Clone())).ToList();

    /// <summary>
    /// Keras's <c>model.set_weights()</c>: same count, order and shapes as <see cref="GetWeights"/>; any
    /// numeric dtype, read as float32. Nothing is assigned unless every shape matches.
    /// </summary>
    /// <exception cref="ArgumentException">a count or shape differs; the message names the weight's path.</exception>
    public void SetWeights(IReadOnlyList<NDArray> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        SetWeights(values.Select(NDArrayConvert.ToTensor).ToList());
    }

    /// <summary><see cref="SetWeights(IReadOnlyList{NDArray})"/> from plain arrays: each weight's C-order values and shape.</summary>
    public void SetWeights(IReadOnlyList<(float[] Data, int[] Shape)> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        SetWeights(values.Select(v => new Tensor(v.Shape, v.Data)).ToList());
    }

    /// <summary><see cref="SetWeights(IReadOnlyList{NDArray})"/> from the compute type <see cref="Tensor"/>.</summary>
    public void SetWeights(IReadOnlyList<Tensor> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var weights = WeightPaths().ToList();
        if (values.Count != weights.Count)
            throw new ArgumentException($"model '{Name}' has {weights.Count} weights, got {values.Count}.", nameof(values));
        for (int i = 0; i < weights.Count; i++)
        {
            var (path, w) = weights[i];
            if (!values[i].Shape.AsSpan().SequenceEqual(w.Shape))
                throw new ArgumentException($"weight {i} ({path}) has shape {ShapeUtil.Format(w.Shape)}, got {ShapeUtil.Format(values[i].Shape)}.", nameof(values));
        }
        for (int i = 0; i < weights.Count; i++) weights[i].Weight.Assign(values[i].Shape, values[i].Data);
    }

    public long CountParams() => Layers.Sum(l => l.CountParams());

    public long TrainableParams => Layers.Sum(l => l.TrainableParams);

    public long NonTrainableParams => CountParams() - TrainableParams;

    /// <summary>Keras's <c>reset_states()</c>: every stateful layer forgets its carried state.</summary>
    public void ResetStates()
    {
        foreach (var layer in Layers) layer.ResetStates();
    }

    /// <summary>
    /// Prints the summary the way Keras's <c>model.summary()</c> does: Keras 3's table by default,
    /// Keras 2's layout on request, at Keras's default width for the model unless given.
    /// </summary>
    public void Summary(int? lineLength = null, RnnParity.Layers.Summary.SummaryStyle style = RnnParity.Layers.Summary.SummaryStyle.Keras3, Action<string>? printFn = null)
    {
        string text = ModelSummary.Text(this, lineLength, style);
        foreach (var line in text.TrimEnd('\n').Split('\n')) (printFn ?? Console.WriteLine)(line);
    }

    protected static void CheckInput(Tensor x, int?[] expected, string what)
    {
        if (!ShapeUtil.Matches(expected, x.Shape))
            throw new ArgumentException($"{what}: expected shape {ShapeUtil.Format(expected)}, got {ShapeUtil.Format(x.Shape)}.");
    }
}
