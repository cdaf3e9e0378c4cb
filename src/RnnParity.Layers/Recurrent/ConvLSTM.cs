using RnnParity.Core.Activations;
using RnnParity.Core.Cells;
using RnnParity.Core.Math;
using RnnParity.Core.Recurrent;
using RnnParity.Core.Tensors;
using RnnParity.Layers.Convolutional;

namespace RnnParity.Layers.Recurrent;

/// <summary>
/// Keras's <c>ConvLSTM</c> base (<c>keras/src/layers/rnn/conv_lstm.py</c>) for r = 1, 2 or 3 spatial axes:
/// an LSTM over time whose frames are (s₁, …, s_r, channels) and whose products are r-D convolutions
/// (<see cref="ConvLstmCell"/>), run by the shared <see cref="RecurrentLoop"/> (go_backwards, masks,
/// initial states as for LSTM). Input (batch, time, s₁, …, s_r, channels); output (batch, o₁, …, o_r, filters),
/// or (batch, time, o₁, …, o_r, filters) with return_sequences; states [h, c] of (batch, o₁, …, o_r, filters).
/// o follows <c>compute_conv_output_shape</c>: valid ⌊(s − span)/strides⌋ + 1, same ⌈s/strides⌉, per axis.
/// The mask (batch, time) passes on with return_sequences only, as Keras's RNN does.
/// A <see cref="RecurrentLayer"/>, so <see cref="Bidirectional"/> wraps it as Keras allows.
/// With <c>channels_first</c> a frame is (channels, s₁, …, s_r) and outputs and states (filters, o₁, …, o_r): the
/// sequence runs channels_last and its results are transposed back (<see cref="ChannelsAxis"/>); the kernels keep
/// their layout. <c>stateful</c> and <c>unroll</c> are not supported yet.
/// </summary>
public abstract class ConvLSTM : RecurrentLayer
{
    readonly ChannelsAxis _format;

    private protected ConvLSTM(int rank, int filters, int[] kernelSize, int[] strides, string padding, string? dataFormat,
        int[] dilationRate, string activation, string recurrentActivation, bool useBias, bool unitForgetBias,
        RecurrentOptions options, string? name)
        // A non-positive filters is refused below by option name; the base only needs a positive unit count.
        : base(System.Math.Max(filters, 1), options, name)
    {
        Rank = rank;
        Filters = filters > 0 ? filters : throw Error("filters", $"expected a strictly positive value, got {filters}.");
        KernelSize = SpatialWindows.Tuple(kernelSize, rank, "kernel_size", Error);
        Strides = SpatialWindows.Tuple(strides, rank, "strides", Error);
        DilationRate = SpatialWindows.Tuple(dilationRate, rank, "dilation_rate", Error);
        if (Strides.Max() > 1 && DilationRate.Max() > 1)
            throw Error("strides", $"strides > 1 is not compatible with dilation_rate > 1; got strides={SpatialWindows.Format(Strides)}, dilation_rate={SpatialWindows.Format(DilationRate)}.");
        Padding = padding.ToLowerInvariant() is "valid" or "same" ? padding.ToLowerInvariant()
            : throw Error("padding", $"expected \"valid\" or \"same\", got \"{padding}\".");
        _format = ChannelsAxis.Parse(dataFormat, Error);
        if (options.Stateful) throw new NotSupportedYetException(Name, ClassName, "stateful", "stateful=True.");
        if (options.Unroll) throw new NotSupportedYetException(Name, ClassName, "unroll", "unroll=True.");
        Activation = ActivationOption("activation", activation);
        RecurrentActivation = ActivationOption("recurrent_activation", recurrentActivation);
        UseBias = useBias;
        UnitForgetBias = unitForgetBias;
    }

    /// <summary>Keras's keyword arguments as the shared recurrent options.</summary>
    private protected static RecurrentOptions OptionsOf(bool returnSequences, bool returnState, bool goBackwards, bool stateful, bool zeroOutputForMask) =>
        new() { ReturnSequences = returnSequences, ReturnState = returnState, GoBackwards = goBackwards, Stateful = stateful, ZeroOutputForMask = zeroOutputForMask };

    /// <summary>Spatial axes of a frame.</summary>
    public int Rank { get; }

    public int Filters { get; }

    public int[] KernelSize { get; }

    public int[] Strides { get; }

    public string Padding { get; }

    /// <summary><c>channels_last</c> (default) or <c>channels_first</c>.</summary>
    public string DataFormat => _format.DataFormat;

    public int[] DilationRate { get; }

    public Activation Activation { get; }

    public Activation RecurrentActivation { get; }

    public bool UseBias { get; }

    /// <summary>Only changes how a new bias is initialised; loaded weights replace it.</summary>
    public bool UnitForgetBias { get; }

    public bool ReturnSequences => Options.ReturnSequences;

    public bool ReturnState => Options.ReturnState;

    public bool GoBackwards => Options.GoBackwards;

    public bool ZeroOutputForMask => Options.ZeroOutputForMask;

    /// <summary>The built cell, as its convolutional type.</summary>
    public new ConvLstmCell Cell => (ConvLstmCell)base.Cell;

    public override int StateCount => 2;

    protected override string CellName => "conv_lstm_cell";

    protected override RecurrentCell CreateCell(int inputDim) =>
        throw new InvalidOperationException($"layer '{Name}': a ConvLSTM cell is made from the whole frame shape.");

    string Layout => _format.First
        ? $"(batch, time, channels, {string.Join(", ", Enumerable.Range(1, Rank).Select(a => $"s{a}"))})"
        : $"(batch, time, {string.Join(", ", Enumerable.Range(1, Rank).Select(a => $"s{a}"))}, channels)";

    /// <summary>The output's spatial sizes for an input shape in this layer's format.</summary>
    int?[] OutSpatial(int?[] original)
    {
        if (original.Length != Rank + 3)
            throw Error("input_shape", $"expected a rank-{Rank + 3} input {Layout}, got {ShapeUtil.Format(original)}.");
        int?[] s = _format.ToLast(original, leading: 2);
        int?[] spatial = SpatialWindows.OutputSizes(s.AsSpan(2, Rank), KernelSize, Strides, DilationRate, Padding);
        if (spatial.Any(d => d <= 0))
            throw Error("input_shape", $"computed output size would be zero or negative: input {ShapeUtil.Format(original)}, kernel_size={SpatialWindows.Format(KernelSize)}, dilation_rate={SpatialWindows.Format(DilationRate)}, strides={SpatialWindows.Format(Strides)}, padding=\"{Padding}\".");
        return spatial;
    }

    protected override RecurrentCell CreateCell(int?[] original)
    {
        OutSpatial(original);
        int?[] s = _format.ToLast(original, leading: 2);
        if (s.Skip(2).Take(Rank).Any(d => d is null))
            throw Error("input_shape", $"ConvLSTM layers only support static input shapes for the spatial dimension; got {ShapeUtil.Format(original)}.");
        if (s[^1] is not int channels || channels <= 0)
            throw Error("input_shape", $"the channel dimension of the inputs ({(_format.First ? "axis 2" : "last axis")}) should be defined; got {ShapeUtil.Format(original)}.");
        ConvolutionGeometry geometry = SpatialWindows.Geometry(s.Skip(2).Take(Rank).Select(d => d!.Value).ToArray(), KernelSize, Strides, DilationRate, Padding)!;
        return new ConvLstmCell(Filters, channels, geometry, Activation, RecurrentActivation, UseBias);
    }

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        int?[] s = inputShapes[0];
        int?[] spatial = OutSpatial(s);
        int?[] state = _format.ToFirst([s[0], .. spatial, Filters]);
        var outputs = new List<int?[]> { ReturnSequences ? _format.ToFirst([s[0], s[1], .. spatial, Filters], leading: 2) : state };
        if (ReturnState) { outputs.Add(state); outputs.Add((int?[])state.Clone()); }
        return outputs;
    }

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor original = inputs[0];
        ConvLstmCell cell = Cell;
        int[] frame = _format.First ? [cell.Channels, .. cell.InputSize] : [.. cell.InputSize, cell.Channels];
        if (original.Rank != Rank + 3 || !original.Shape.AsSpan(2).SequenceEqual(frame))
            throw Error("inputs", $"expected shape (batch, time, {string.Join(", ", frame)}), got {ShapeUtil.Format(original.Shape)}.");
        Tensor x = _format.ToLast(original, leading: 2);
        int batch = x.Shape[0], timesteps = x.Shape[1], n = batch * cell.Units;
        int[] stateShape = [batch, .. cell.OutputSize, Filters];
        // Given states are in the layer's format; a channels_first one must have its exact shape to be transposed.
        int[] givenStateShape = _format.First ? [batch, Filters, .. cell.OutputSize] : stateShape;
        var state = new float[2 * n];
        if (inputs.Count > 1)
        {
            if (inputs.Count != 3)
                throw Error("initial_state", $"expected 2 state tensors (h, c), got {inputs.Count - 1}.");
            for (int k = 0; k < 2; k++)
            {
                Tensor s = inputs[k + 1];
                if (s.Length != n || s.Shape[0] != batch || (_format.First && !s.Shape.AsSpan().SequenceEqual(givenStateShape)))
                    throw Error("initial_state", $"state {k} must have shape {ShapeUtil.Format(givenStateShape)}, got {ShapeUtil.Format(s.Shape)}.");
                _format.ToLast(s).Data.CopyTo(state, k * n);
            }
        }
        var output = new Tensor(ReturnSequences ? [batch, timesteps, .. cell.OutputSize, Filters] : stateShape);
        RecurrentLoop.Run(cell, x.Data, batch, timesteps, x.Mask, new LoopOptions(ReturnSequences, GoBackwards, ZeroOutputForMask), state, output.Data);
        output = _format.ToFirst(output, leading: ReturnSequences ? 2 : 1);
        output.Mask = ReturnSequences ? x.Mask : null;
        var results = new List<Tensor> { output };
        if (ReturnState)
            for (int k = 0; k < 2; k++) results.Add(_format.ToFirst(new Tensor(stateShape, state.AsSpan(k * n, n).ToArray())));
        return results;
    }
}
