using RnnParity.Core.Activations;
using RnnParity.Core.Cells;
using RnnParity.Core.Recurrent;
using RnnParity.Core.Tensors;
using RnnParity.Layers.Convolutional;

namespace RnnParity.Layers.Recurrent;

/// <summary>
/// Keras's <c>ConvLSTM1D</c> (<c>keras/src/layers/rnn/conv_lstm1d.py</c>): an LSTM over time whose input
/// frames are (rows, channels) and whose products are 1-D convolutions over the rows
/// (<see cref="ConvLstmCell"/>), run by the shared <see cref="RecurrentLoop"/> (go_backwards, masks,
/// initial states as for LSTM). Input (batch, time, rows, channels); output (batch, out_rows, filters),
/// or (batch, time, out_rows, filters) with return_sequences; states [h, c] of (batch, out_rows, filters).
/// out_rows follows <c>compute_conv_output_shape</c>: valid ⌊(rows − span)/strides⌋ + 1, same ⌈rows/strides⌉.
/// The mask (batch, time) passes on with return_sequences only, as Keras's RNN does.
/// </summary>
public sealed class ConvLSTM1D : Layer
{
    ConvLstmCell? _cell;

    public ConvLSTM1D(int filters, int kernelSize, int strides = 1, string padding = "valid", string? dataFormat = null,
        int dilationRate = 1, string activation = "tanh", string recurrentActivation = "sigmoid", bool useBias = true,
        bool unitForgetBias = true, bool returnSequences = false, bool returnState = false, bool goBackwards = false,
        bool stateful = false, bool zeroOutputForMask = false, string? name = null) : base(name)
    {
        Filters = filters > 0 ? filters : throw Error("filters", $"expected a strictly positive value, got {filters}.");
        KernelSize = SequenceWindows.Positive(kernelSize, "kernel_size", Error);
        Strides = SequenceWindows.Positive(strides, "strides", Error);
        DilationRate = SequenceWindows.Positive(dilationRate, "dilation_rate", Error);
        if (strides > 1 && dilationRate > 1)
            throw Error("strides", $"strides > 1 is not compatible with dilation_rate > 1; got strides={strides}, dilation_rate={dilationRate}.");
        Padding = padding.ToLowerInvariant() is "valid" or "same" ? padding.ToLowerInvariant()
            : throw Error("padding", $"expected \"valid\" or \"same\", got \"{padding}\".");
        if (SequenceWindows.ChannelsFirst(dataFormat, Error))
            throw new NotSupportedYetException(Name, ClassName, "data_format", "channels_first.");
        if (stateful) throw new NotSupportedYetException(Name, ClassName, "stateful", "stateful=True.");
        Activation = ActivationOption("activation", activation);
        RecurrentActivation = ActivationOption("recurrent_activation", recurrentActivation);
        UseBias = useBias;
        UnitForgetBias = unitForgetBias;
        ReturnSequences = returnSequences;
        ReturnState = returnState;
        GoBackwards = goBackwards;
        ZeroOutputForMask = zeroOutputForMask;
    }

    public int Filters { get; }

    public int KernelSize { get; }

    public int Strides { get; }

    public string Padding { get; }

    public int DilationRate { get; }

    public Activation Activation { get; }

    public Activation RecurrentActivation { get; }

    public bool UseBias { get; }

    /// <summary>Only changes how a new bias is initialised; loaded weights replace it.</summary>
    public bool UnitForgetBias { get; }

    public bool ReturnSequences { get; }

    public bool ReturnState { get; }

    public bool GoBackwards { get; }

    public bool ZeroOutputForMask { get; }

    public ConvLstmCell Cell => _cell ?? throw new InvalidOperationException($"layer '{Name}' is not built yet.");

    public override IReadOnlyList<Variable> Weights => _cell?.Weights ?? [];

    public override IEnumerable<(string Path, Variable Weight)> WeightPaths() => Weights.Select(w => ($"{Name}/conv_lstm_cell/{w.Name}", w));

    int Span => DilationRate * (KernelSize - 1) + 1;

    int? OutRows(int?[] s)
    {
        if (s.Length != 4)
            throw Error("input_shape", $"expected a rank-4 input (batch, time, rows, channels), got {ShapeUtil.Format(s)}.");
        int? rows = SequenceWindows.OutputLength(s[2], Span, Strides, Padding);
        if (rows <= 0)
            throw Error("input_shape", $"computed output size would be zero or negative: input {ShapeUtil.Format(s)}, kernel_size={KernelSize}, dilation_rate={DilationRate}, strides={Strides}, padding=\"{Padding}\".");
        return rows;
    }

    protected override void BuildCore(IReadOnlyList<int?[]> inputShapes)
    {
        int?[] s = inputShapes[0];
        int? outRows = OutRows(s);
        if (s[2] is not int rows || outRows is not int o)
            throw Error("input_shape", $"ConvLSTM layers only support static input shapes for the spatial dimension; got {ShapeUtil.Format(s)}.");
        if (s[3] is not int channels || channels <= 0)
            throw Error("input_shape", $"the channel dimension of the inputs (last axis) should be defined; got {ShapeUtil.Format(s)}.");
        int left = SequenceWindows.LeftPad(rows, o, Span, Strides, Padding);
        _cell = new ConvLstmCell(Filters, KernelSize, Strides, DilationRate, rows, channels, o, left, Activation, RecurrentActivation, UseBias);
    }

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        int?[] s = inputShapes[0];
        int? outRows = OutRows(s);
        var outputs = new List<int?[]> { ReturnSequences ? [s[0], s[1], outRows, Filters] : [s[0], outRows, Filters] };
        if (ReturnState) { outputs.Add([s[0], outRows, Filters]); outputs.Add([s[0], outRows, Filters]); }
        return outputs;
    }

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        ConvLstmCell cell = Cell;
        if (x.Rank != 4 || x.Shape[2] != cell.Rows || x.Shape[3] != cell.Channels)
            throw Error("inputs", $"expected shape (batch, time, {cell.Rows}, {cell.Channels}), got {ShapeUtil.Format(x.Shape)}.");
        int batch = x.Shape[0], timesteps = x.Shape[1], n = batch * cell.Units;
        var state = new float[2 * n];
        if (inputs.Count > 1)
        {
            if (inputs.Count != 3)
                throw Error("initial_state", $"expected 2 state tensors (h, c), got {inputs.Count - 1}.");
            for (int k = 0; k < 2; k++)
            {
                Tensor s = inputs[k + 1];
                if (s.Length != n || s.Shape[0] != batch)
                    throw Error("initial_state", $"state {k} must have shape ({batch}, {cell.OutRows}, {Filters}), got {ShapeUtil.Format(s.Shape)}.");
                s.Data.CopyTo(state, k * n);
            }
        }
        var output = new Tensor(ReturnSequences ? [batch, timesteps, cell.OutRows, Filters] : [batch, cell.OutRows, Filters]);
        RecurrentLoop.Run(cell, x.Data, batch, timesteps, x.Mask, new LoopOptions(ReturnSequences, GoBackwards, ZeroOutputForMask), state, output.Data);
        output.Mask = ReturnSequences ? x.Mask : null;
        var results = new List<Tensor> { output };
        if (ReturnState)
            for (int k = 0; k < 2; k++) results.Add(new Tensor([batch, cell.OutRows, Filters], state.AsSpan(k * n, n).ToArray()));
        return results;
    }
}
