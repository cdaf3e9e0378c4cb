using RnnParity.Core.Cells;
using RnnParity.Core.Recurrent;
using RnnParity.Core.Tensors;
using RnnParity.Layers.Graph;

namespace RnnParity.Layers.Recurrent;

/// <summary>
/// What SimpleRNN, LSTM and GRU share: a cell built for the input's feature size, and the one
/// <see cref="RecurrentLoop"/> for sequence, direction, masking and state (Keras's <c>RNN</c> layer).
/// Inputs: the sequences (batch, timesteps, features), then optional initial states (batch, units).
/// Outputs, in Keras's order: the output, then the final states when <c>ReturnState</c>.
/// </summary>
public abstract class RecurrentLayer : Layer
{
    float[]? _carried;
    int _carriedBatch;

    protected RecurrentLayer(int units, RecurrentOptions? options, string? name) : base(name)
    {
        if (units <= 0) throw new ArgumentOutOfRangeException(nameof(units), units, $"layer '{Name}': units must be positive.");
        Units = units;
        Options = options ?? new RecurrentOptions();
    }

    public int Units { get; }

    public RecurrentOptions Options { get; private set; }

    /// <summary>
    /// Threads for this layer's steps (<see cref="RecurrentOptions.Threads"/>: 0 = automatic, every core
    /// for work large enough to gain, one for tiny work). Never changes a result: each output element is
    /// one fixed sum whatever the split. A call already running keeps the value it started with.
    /// </summary>
    public int Threads
    {
        get => Options.Threads;
        set
        {
            if (value < 0) throw new ArgumentOutOfRangeException(nameof(value), value, $"layer '{Name}': threads must be 0 (automatic) or positive.");
            Options = Options with { Threads = value };
        }
    }

    /// <summary>(batch, timesteps, features) given through a Keras 2 input argument; read by <c>Sequential</c>.</summary>
    public int?[]? DeclaredInputShape { get; protected init; }

    public RecurrentCell Cell => _cell ?? throw new InvalidOperationException($"layer '{Name}' is not built yet.");
    RecurrentCell? _cell;

    /// <summary>Number of states: 1, or 2 for LSTM (h, c).</summary>
    public abstract int StateCount { get; }

    /// <summary>Width of state <paramref name="k"/>: <see cref="Units"/>, except in a stack of cells of several sizes.</summary>
    public virtual int StateWidth(int k) => Units;

    /// <summary>The cell's name inside Keras weight paths (<c>simple_rnn_cell</c>).</summary>
    protected abstract string CellName { get; }

    protected abstract RecurrentCell CreateCell(int inputDim);

    /// <summary>The same layer configuration under another name and options (Bidirectional's forward and backward copies).</summary>
    public abstract RecurrentLayer CloneWith(string name, RecurrentOptions options);

    public override IReadOnlyList<Variable> Weights => _cell?.Weights ?? [];

    public override IEnumerable<(string Path, Variable Weight)> WeightPaths() => Weights.Select(w => ($"{Name}/{CellName}/{w.Name}", w));

    protected override void BuildCore(IReadOnlyList<int?[]> inputShapes) => _cell = CreateCell(inputShapes[0]);

    /// <summary>The cell for a (batch, timesteps, features) input; a layer with other frames (ConvLSTM) overrides it.</summary>
    protected virtual RecurrentCell CreateCell(int?[] seq)
    {
        if (seq.Length != 3)
            throw Error("input_shape", $"expected a 3-D input (batch, timesteps, features), got {ShapeUtil.Format(seq)}.");
        if (seq[2] is not int features || features <= 0)
            throw Error("input_shape", $"the feature dimension must be known and positive, got {ShapeUtil.Format(seq)}.");
        if (Options.Unroll && seq[1] is null)
            throw Error("unroll", "cannot unroll a RNN if the time dimension is undefined; give the input a fixed number of timesteps.");
        return CreateCell(features);
    }

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        int?[] seq = inputShapes[0];
        int? batch = seq[0];
        var outputs = new List<int?[]> { Options.ReturnSequences ? [batch, seq[1], Units] : [batch, Units] };
        if (Options.ReturnState)
            for (int i = 0; i < StateCount; i++) outputs.Add([batch, StateWidth(i)]);
        return outputs;
    }

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        if (x.Rank != 3 || x.Shape[2] != Cell.InputDim)
            throw Error("inputs", $"expected shape (batch, timesteps, {Cell.InputDim}), got {ShapeUtil.Format(x.Shape)}.");
        int batch = x.Shape[0], timesteps = x.Shape[1];
        var output = new Tensor(Options.ReturnSequences ? [batch, timesteps, Units] : [batch, Units]);
        float[] state = Run(inputs, output.Data);

        // Keras passes the input mask on only with the sequence output.
        output.Mask = Options.ReturnSequences ? x.Mask : null;
        var results = new List<Tensor> { output };
        if (Options.ReturnState)
            for (int k = 0; k < StateCount; k++)
                results.Add(new Tensor([batch, StateWidth(k)], state.AsSpan(Cell.StateOffset(k, batch), batch * StateWidth(k)).ToArray()));
        return results;
    }

    /// <summary>
    /// The layer's first output written into <paramref name="destination"/> instead of a new tensor:
    /// (batch, timesteps, units) row-major with <c>return_sequences</c>, else (batch, units); exactly
    /// that many floats. For callers that reuse one output buffer across calls (a 64×200×512 sequence
    /// output is 26 MB). The optional <paramref name="initialStates"/> are Keras's <c>initial_state</c>;
    /// the input's mask applies as in <see cref="Layer.Call(Tensor)"/>. Same values as <c>Call</c>.
    /// </summary>
    public void Call(Tensor inputs, Span<float> destination, IReadOnlyList<Tensor>? initialStates = null)
    {
        IReadOnlyList<Tensor> all = [inputs, .. initialStates ?? []];
        if (!IsBuilt) Build(all.Select(t => t.Shape.Select(d => (int?)d).ToArray()).ToArray());
        if (inputs.Rank != 3 || inputs.Shape[2] != Cell.InputDim)
            throw Error("inputs", $"expected shape (batch, timesteps, {Cell.InputDim}), got {ShapeUtil.Format(inputs.Shape)}.");
        int expected = inputs.Shape[0] * (Options.ReturnSequences ? inputs.Shape[1] : 1) * Units;
        if (destination.Length != expected)
            throw Error("destination", $"expected {expected} floats ({(Options.ReturnSequences ? "batch × timesteps × units" : "batch × units")}), got {destination.Length}.");
        Run(all, destination);
    }

    /// <summary>The loop into <paramref name="output"/>; returns the final states (carried on when stateful).</summary>
    float[] Run(IReadOnlyList<Tensor> inputs, Span<float> output)
    {
        Tensor x = inputs[0];
        int batch = x.Shape[0], timesteps = x.Shape[1];
        float[] state = InitialState(inputs, batch);
        var loop = new LoopOptions(Options.ReturnSequences, Options.GoBackwards, Options.ZeroOutputForMask, Options.Unroll, Options.Threads);
        RecurrentLoop.Run(Cell, x.Data, batch, timesteps, x.Mask, loop, state, output);
        if (Options.Stateful) { _carried = (float[])state.Clone(); _carriedBatch = batch; }
        return state;
    }

    float[] InitialState(IReadOnlyList<Tensor> inputs, int batch)
    {
        var state = new float[Cell.StateLength(batch)];
        if (inputs.Count > 1)
        {
            if (inputs.Count - 1 != StateCount)
                throw Error("initial_state", $"expected {StateCount} state tensor(s), got {inputs.Count - 1}.");
            for (int k = 0; k < StateCount; k++)
            {
                Tensor s = inputs[k + 1];
                if (s.Rank != 2 || s.Shape[0] != batch || s.Shape[1] != StateWidth(k))
                    throw Error("initial_state", $"state {k} must have shape ({batch}, {StateWidth(k)}), got {ShapeUtil.Format(s.Shape)}.");
                s.Data.CopyTo(state, Cell.StateOffset(k, batch));
            }
        }
        else if (Options.Stateful && _carried is not null)
        {
            if (_carriedBatch != batch)
                throw Error("stateful", $"the batch size of a stateful layer cannot change: expected {_carriedBatch}, got {batch}.");
            _carried.CopyTo(state, 0);
        }
        return state;
    }

    public override void ResetStates() => _carried = null;

    public override IReadOnlyList<string> CallKeywords => RecurrentCallKeywords;

    internal static readonly IReadOnlyList<string> RecurrentCallKeywords = ["initial_state", "mask"];

    /// <summary>[sequences, states...]: the states are Keras's second argument, <c>initial_state</c>.</summary>
    protected internal override LayerCall BindInputs(IReadOnlyList<KerasTensor> inputs) =>
        new(inputs.Select(t => new CallInput(t)).ToList(), tensorArguments: inputs.Count > 1 ? 2 : 1);

    /// <summary>Keras's <c>RNN.compute_mask</c>: the mask goes on with the sequence output only, never with the states.</summary>
    protected internal override IReadOnlyList<bool[]?>? ComputeMasks(bool[] previousMask, int outputCount) =>
        Enumerable.Range(0, outputCount).Select(k => k == 0 && Options.ReturnSequences ? previousMask : null).ToList();

    /// <summary>
    /// Keras's <c>layer(x, initial_state=[...], mask=m)</c> on symbolic tensors, every output. Note Keras's
    /// rule (<see cref="CallMasks"/>): with <paramref name="initialState"/> and no <paramref name="mask"/>
    /// the layer runs unmasked even over a masked sequence.
    /// </summary>
    public IReadOnlyList<KerasTensor> ApplyMany(KerasTensor sequences, IReadOnlyList<KerasTensor>? initialState, KerasTensor? mask)
    {
        initialState ??= [];
        int arguments = 1 + (initialState.Count > 0 ? 1 : 0) + (mask is null ? 0 : 1);
        var recorded = new List<KerasTensor> { sequences };
        recorded.AddRange(initialState);
        if (mask is not null) recorded.Add(mask);
        return ApplyMany(new LayerCall([sequences, .. initialState.Select(s => new CallInput(s))], arguments, mask, recorded));
    }

    /// <summary>Keras's <c>layer(x, initial_state=[...])</c> on symbolic tensors, for a layer with one output.</summary>
    public KerasTensor Apply(KerasTensor sequences, IReadOnlyList<KerasTensor> initialState) => ApplySingle([sequences, .. initialState]);

    /// <summary>Keras's <c>layer(x, initial_state=[...])</c>: every output (the states too with return_state).</summary>
    public IReadOnlyList<KerasTensor> ApplyMany(KerasTensor sequences, IReadOnlyList<KerasTensor> initialState) =>
        ApplyMany([sequences, .. initialState]);
}
