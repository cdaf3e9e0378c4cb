using RnnParity.Core.Tensors;
using RnnParity.Layers.Graph;
using RnnParity.Layers.Naming;

namespace RnnParity.Layers;

/// <summary>
/// A Keras layer: named as Keras names it, built lazily from its input shapes, called on concrete
/// tensors (<see cref="Call(Tensor)"/>) or on symbolic ones to wire a functional model (<see cref="Apply(KerasTensor)"/>).
/// </summary>
/// <remarks>Shapes are Keras symbolic shapes: <c>null</c> for an unknown batch or time dimension.</remarks>
public abstract class Layer
{
    readonly List<Node> _inboundNodes = [];

    protected Layer(string? name) => Name = name ?? KerasNames.AutoName(GetType().Name);

    public string Name { get; }

    /// <summary>The Keras class name (<c>SimpleRNN</c>, <c>LSTM</c>, ...), which is also the C# class name.</summary>
    public virtual string ClassName => GetType().Name;

    public bool IsBuilt { get; private set; }

    /// <summary>Shapes of the symbolic outputs, known once the layer is built.</summary>
    public IReadOnlyList<int?[]> OutputShapes { get; private set; } = [];

    public IReadOnlyList<int?[]> InputShapes { get; private set; } = [];

    /// <summary>The weights in Keras's <c>get_weights()</c> order.</summary>
    public virtual IReadOnlyList<Variable> Weights => [];

    /// <summary>Each weight with its Keras variable path below the model (<c>simple_rnn/simple_rnn_cell/kernel</c>).</summary>
    public virtual IEnumerable<(string Path, Variable Weight)> WeightPaths() => Weights.Select(w => ($"{Name}/{w.Name}", w));

    public long CountParams() => Weights.Sum(w => w.Count);

    public long TrainableParams => Weights.Where(w => w.Trainable).Sum(w => w.Count);

    internal IReadOnlyList<Node> InboundNodes => _inboundNodes;

    /// <summary>Creates the weights for these input shapes once, and records the output shapes.</summary>
    /// <exception cref="LayerConfigurationException">the shapes do not fit this layer.</exception>
    public void Build(IReadOnlyList<int?[]> inputShapes)
    {
        if (!IsBuilt)
        {
            BuildCore(inputShapes);
            InputShapes = inputShapes;
            IsBuilt = true;
        }
        OutputShapes = ComputeOutputShapes(inputShapes);
    }

    public void Build(params int?[][] inputShapes) => Build((IReadOnlyList<int?[]>)inputShapes);

    protected virtual void BuildCore(IReadOnlyList<int?[]> inputShapes) { }

    public abstract IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes);

    /// <summary>Runs the layer on concrete tensors; the masks they carry are honoured and propagated.</summary>
    public IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs)
    {
        if (!IsBuilt) Build(inputs.Select(t => t.Shape.Select(d => (int?)d).ToArray()).ToArray());
        return CallCore(inputs);
    }

    public Tensor Call(Tensor input) => Call([input])[0];

    protected abstract IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs);

    /// <summary>Forgets carried state (stateful recurrent layers); a no-op elsewhere.</summary>
    public virtual void ResetStates() { }

    /// <summary>Calls the layer on a symbolic tensor: the functional API's <c>layer(x)</c>, for a layer with one output.</summary>
    /// <exception cref="InvalidOperationException">the layer has several outputs (return_state, merge_mode None): use <see cref="ApplyMany(IReadOnlyList{KerasTensor})"/>.</exception>
    public KerasTensor Apply(KerasTensor input) => ApplySingle([input]);

    /// <summary>The one output of a call; checked before the call is recorded, so a refusal leaves no node behind.</summary>
    protected KerasTensor ApplySingle(IReadOnlyList<KerasTensor> inputs)
    {
        Build(inputs.Select(t => t.Shape).ToArray());
        if (OutputShapes.Count != 1)
            throw new InvalidOperationException($"layer '{Name}' ({ClassName}) has {OutputShapes.Count} outputs here; use ApplyMany to get them all.");
        return ApplyMany(inputs)[0];
    }

    /// <summary>Calls the layer on several symbolic tensors and returns all its outputs (several with return_state).</summary>
    public IReadOnlyList<KerasTensor> ApplyMany(IReadOnlyList<KerasTensor> inputs) => ApplyMany(BindInputs(inputs));

    /// <summary>Records one call with its arguments as Keras wrote them (constants, keyword tensors, an explicit mask).</summary>
    /// <exception cref="LayerConfigurationException">the shapes do not fit this layer, or it takes no mask and one is given.</exception>
    public IReadOnlyList<KerasTensor> ApplyMany(LayerCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Masks is not null && !CallKeywords.Contains("mask") && MaskKeywords.Count == 0)
            throw Error("mask", "this layer's call takes no mask argument.");
        Build(call.Inputs.Select(t => t.Shape).ToArray());
        var node = new Node(this, call);
        _inboundNodes.Add(node);
        int index = _inboundNodes.Count - 1;
        node.Outputs = OutputShapes.Select((s, i) => new KerasTensor(s, this, index, i)).ToArray();
        return node.Outputs;
    }

    /// <summary>
    /// Keras call keyword arguments this layer takes besides its inputs and <c>training</c> (which
    /// every layer accepts and inference ignores), by Keras name: <c>mask</c>, <c>initial_state</c>.
    /// Tensor keywords other than <c>mask</c> follow the positional inputs, in this order.
    /// </summary>
    public virtual IReadOnlyList<string> CallKeywords => [];

    /// <summary>
    /// Keras call keyword arguments that are options, not tensors (the attention layers'
    /// <c>use_causal_mask</c>, <c>return_attention_scores</c>): the config reader sets them on the layer.
    /// </summary>
    public virtual IReadOnlyList<string> CallOptions => [];

    /// <summary>How a recorded call's explicit and carried masks reach this layer (<see cref="CallMasks"/>).</summary>
    public virtual CallMaskStyle MaskStyle => CallMaskStyle.MaskArgument;

    /// <summary>
    /// Whether the call removes the masks of the tensors it was given, so that a layer reading the same
    /// tensor later in the graph sees it unmasked: Keras 3.15.1's <c>MultiHeadAttention.call</c> runs
    /// <c>backend.set_keras_mask(query, None)</c> (and value, key) on the tensors themselves.
    /// </summary>
    public virtual bool DeletesInputMasks => false;

    /// <summary>
    /// Keras's per-argument mask keywords (MultiHeadAttention's <c>query_mask</c>, <c>value_mask</c>,
    /// <c>key_mask</c>): the one at index i is the mask of input i.
    /// </summary>
    public virtual IReadOnlyList<string> MaskKeywords => [];

    /// <summary>
    /// Checks an explicit <c>mask=</c> list of <paramref name="count"/> entries given for
    /// <paramref name="inputCount"/> inputs; null when this layer's call takes it, else what is wrong.
    /// By default a layer takes one mask, not a list.
    /// </summary>
    public virtual string? MaskListProblem(int count, int inputCount) =>
        "a list of masks is not supported yet; expected one (batch, timesteps) mask tensor";

    /// <summary>Checks an explicit <c>mask=</c> of one tensor (not a list); null when this layer's call takes it.</summary>
    public virtual string? SingleMaskProblem(int inputCount) => null;

    /// <summary>
    /// How the C# <see cref="ApplyMany(IReadOnlyList{KerasTensor})"/> list maps onto Keras's call
    /// arguments: by default one argument (one tensor, or a list of tensors).
    /// </summary>
    protected internal virtual LayerCall BindInputs(IReadOnlyList<KerasTensor> inputs) =>
        new(inputs.Select(t => new CallInput(t)).ToList(), tensorArguments: 1);

    /// <summary>
    /// Keras's <c>compute_mask(inputs, previous_mask)</c>, one mask per output, for the masks Keras
    /// sets on outputs when the call ran without the input's mask (<see cref="CallMasks"/>); null
    /// when the layer does not support masking (the mask is dropped).
    /// </summary>
    protected internal virtual IReadOnlyList<bool[]?>? ComputeMasks(bool[] previousMask, int outputCount) => null;

    internal Node AddInputNode(int?[] shape)
    {
        var node = new Node(this, null);
        _inboundNodes.Add(node);
        node.Outputs = [new KerasTensor(shape, this, _inboundNodes.Count - 1, 0)];
        return node;
    }

    /// <summary>Looks up an activation option, naming this layer and the option when it is unknown.</summary>
    protected Core.Activations.Activation ActivationOption(string option, string? activation)
    {
        Core.Activations.Activation a;
        try { a = Core.Activations.KerasActivations.Get(activation); }
        catch (NotSupportedException e) { throw new NotSupportedYetException(Name, ClassName, option, e.Message); }
        // Keras's layers report their usual output shape while glu halves the last axis, so a model would
        // be built with a shape its data does not have.
        if (!a.PreservesShape)
            throw new NotSupportedYetException(Name, ClassName, option,
                $"activation '{a.Name}' halves the last axis, which this layer's output shape does not account for (Keras reports the unhalved shape).");
        return a;
    }

    protected LayerConfigurationException Error(string option, string message) => new(Name, ClassName, option, message);

    public override string ToString() => $"{Name} ({ClassName})";
}
