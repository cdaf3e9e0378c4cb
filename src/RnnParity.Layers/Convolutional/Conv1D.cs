using System.Buffers;
using RnnParity.Core.Activations;
using RnnParity.Core.Math;
using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Convolutional;

/// <summary>
/// Keras's <c>Conv1D</c> (<c>keras/src/layers/convolutional/conv1d.py</c>): a 1-D cross-correlation
/// over the steps axis,
/// <c>y[n, t, f] = activation(bias[f] + Σ_j Σ_c x[n, t·s + j·d − pad, g·C/G + c] · kernel[j, c, f])</c>
/// with g = f / (filters/groups) the group of filter f, s = <c>strides</c>, d = <c>dilation_rate</c>,
/// positions outside the input reading zero. Kernel shape (kernel_size, channels/groups, filters),
/// bias (filters). Padding <c>valid</c> (none), <c>same</c> (XLA's rule: ⌊total/2⌋ left, the rest right),
/// <c>causal</c> (d·(kernel_size − 1) zeros on the left only).
/// Does not support masking: an incoming mask is dropped, as Keras's <c>BaseConv</c> does.
/// </summary>
public sealed class Conv1D : Layer
{
    Variable? _kernel;
    Variable? _bias;
    readonly bool _channelsFirst;

    /// <exception cref="LayerConfigurationException">an option is out of range, as Keras's <c>BaseConv</c> checks.</exception>
    public Conv1D(int filters, int kernelSize, int strides = 1, string padding = "valid", string? dataFormat = null,
        int dilationRate = 1, int groups = 1, string? activation = null, bool useBias = true, string? name = null) : base(name)
    {
        Filters = filters > 0 ? filters : throw Error("filters", $"expected a strictly positive value, got {filters}.");
        KernelSize = SequenceWindows.Positive(kernelSize, "kernel_size", Error);
        Strides = SequenceWindows.Positive(strides, "strides", Error);
        DilationRate = SequenceWindows.Positive(dilationRate, "dilation_rate", Error);
        Groups = groups > 0 ? groups : throw Error("groups", $"the number of groups must be a positive integer, got {groups}.");
        if (filters % groups != 0)
            throw Error("groups", $"the number of filters must be evenly divisible by the number of groups; got groups={groups}, filters={filters}.");
        if (strides > 1 && dilationRate > 1)
            throw Error("strides", $"strides > 1 not supported in conjunction with dilation_rate > 1; got strides={strides}, dilation_rate={dilationRate}.");
        Padding = padding.ToLowerInvariant() is "valid" or "same" or "causal" ? padding.ToLowerInvariant()
            : throw Error("padding", $"expected \"valid\", \"same\" or \"causal\", got \"{padding}\".");
        _channelsFirst = SequenceWindows.ChannelsFirst(dataFormat, Error);
        DataFormat = _channelsFirst ? "channels_first" : "channels_last";
        Activation = ActivationOption("activation", activation);
        UseBias = useBias;
    }

    public int Filters { get; }

    public int KernelSize { get; }

    public int Strides { get; }

    public string Padding { get; }

    public string DataFormat { get; }

    public int DilationRate { get; }

    public int Groups { get; }

    public Activation Activation { get; }

    public bool UseBias { get; }

    public override IReadOnlyList<Variable> Weights => _kernel is null ? [] : _bias is null ? [_kernel] : [_kernel, _bias];

    /// <summary>Steps one kernel application covers: d·(kernel_size − 1) + 1.</summary>
    int Span => DilationRate * (KernelSize - 1) + 1;

    protected override void BuildCore(IReadOnlyList<int?[]> inputShapes)
    {
        int?[] s = inputShapes[0];
        if (s.Length != 3)
            throw Error("input_shape", $"expected a rank-3 input (batch, steps, channels), got {ShapeUtil.Format(s)}.");
        if ((_channelsFirst ? s[1] : s[2]) is not int channels || channels <= 0)
            throw Error("input_shape", $"the channel dimension must be known and positive, got {ShapeUtil.Format(s)}.");
        if (channels % Groups != 0)
            throw Error("groups", $"the number of input channels must be evenly divisible by the number of groups; got groups={Groups}, input shape {ShapeUtil.Format(s)}.");
        _kernel = new Variable("kernel", [KernelSize, channels / Groups, Filters]);
        _bias = UseBias ? new Variable("bias", [Filters]) : null;
    }

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        int?[] s = inputShapes[0];
        if (s.Length != 3)
            throw Error("input_shape", $"expected a rank-3 input (batch, steps, channels), got {ShapeUtil.Format(s)}.");
        int? steps = SequenceWindows.OutputLength(_channelsFirst ? s[2] : s[1], Span, Strides, Padding);
        if (steps <= 0)
            throw Error("input_shape", $"computed output size would be zero or negative: input {ShapeUtil.Format(s)}, kernel_size={KernelSize}, dilation_rate={DilationRate}, strides={Strides}, padding=\"{Padding}\".");
        return [_channelsFirst ? [s[0], Filters, steps] : [s[0], steps, Filters]];
    }

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        int channels = _kernel!.Shape[1] * Groups;
        if (x.Rank != 3 || (_channelsFirst ? x.Shape[1] : x.Shape[2]) != channels)
            throw Error("inputs", $"expected (batch, steps, {channels}){(_channelsFirst ? " channels_first" : "")}, got {ShapeUtil.Format(x.Shape)}.");
        if (_channelsFirst) x = SequenceWindows.SwapLastAxes(x);
        Tensor y = Convolve(x);
        Activation.ApplyRows(y.Data, Filters);
        // A new tensor carries no mask: Conv1D drops it (BaseConv does not support masking).
        return [_channelsFirst ? SequenceWindows.SwapLastAxes(y) : y];
    }

    /// <summary>The output rows start as the bias; <see cref="Convolution1D"/> adds the correlation (im2col + Gemm per group).</summary>
    Tensor Convolve(Tensor x)
    {
        int batch = x.Shape[0], length = x.Shape[1], channels = x.Shape[2];
        int outLength = SequenceWindows.OutputLength(length, Span, Strides, Padding)!.Value;
        if (outLength <= 0)
            throw Error("inputs", $"computed output size would be zero or negative for {length} steps (kernel_size={KernelSize}, dilation_rate={DilationRate}, strides={Strides}, padding=\"{Padding}\").");
        int left = SequenceWindows.LeftPad(length, outLength, Span, Strides, Padding);
        int rows = batch * outLength;

        var y = new Tensor(batch, outLength, Filters);
        if (_bias is not null)
            for (int r = 0; r < rows; r++) _bias.Data.CopyTo(y.Data, r * Filters);

        float[] columns = ArrayPool<float>.Shared.Rent(Convolution1D.ColumnsLength(batch, outLength, KernelSize, channels / Groups));
        try
        {
            Convolution1D.Accumulate(x.Data, batch, length, channels, _kernel!.Data, KernelSize, Filters, Groups,
                Strides, DilationRate, left, outLength, columns, y.Data);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(columns);
        }
        return y;
    }
}
