using System.Buffers;
using RnnParity.Core.Activations;
using RnnParity.Core.Math;
using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Convolutional;

/// <summary>
/// Keras's <c>BaseConv</c> (<c>keras/src/layers/convolutional/base_conv.py</c>) for r = 2 or 3 spatial axes,
/// channels_last: <c>y[n, o, f] = activation(bias[f] + Σ_j Σ_c x[n, o·s + j·d − pad, g·C/G + c] · kernel[j, c, f])</c>
/// over the multi-indices o (output position) and j (kernel tap), g = f / (filters/groups) the group of
/// filter f, positions outside the input reading zero. Kernel (k₁, …, k_r, channels/groups, filters), bias
/// (filters). Padding <c>valid</c> or <c>same</c> (XLA's split: ⌊total/2⌋ before, the rest after, per axis).
/// Does not support masking: an incoming mask is dropped. With <c>channels_first</c> the input is
/// (batch, channels, s₁, …, s_r) and the output (batch, filters, o₁, …, o_r), computed as the transposition of the
/// channels_last result (<see cref="ChannelsAxis"/>); the kernel keeps its layout.
/// </summary>
public abstract class BaseConv : Layer
{
    Variable? _kernel;
    Variable? _bias;
    ConvolutionGeometry? _geometry;
    readonly ChannelsAxis _format;

    /// <exception cref="LayerConfigurationException">an option is out of range, as Keras's <c>BaseConv</c> checks.</exception>
    private protected BaseConv(int rank, int filters, int[] kernelSize, int[] strides, string padding, string? dataFormat,
        int[] dilationRate, int groups, string? activation, bool useBias, string? name) : base(name)
    {
        Rank = rank;
        Filters = filters > 0 ? filters : throw Error("filters", $"expected a strictly positive value, got {filters}.");
        KernelSize = SpatialWindows.Tuple(kernelSize, rank, "kernel_size", Error);
        Strides = SpatialWindows.Tuple(strides, rank, "strides", Error);
        DilationRate = SpatialWindows.Tuple(dilationRate, rank, "dilation_rate", Error);
        Groups = groups > 0 ? groups : throw Error("groups", $"the number of groups must be a positive integer, got {groups}.");
        if (filters % groups != 0)
            throw Error("groups", $"the number of filters must be evenly divisible by the number of groups; got groups={groups}, filters={filters}.");
        if (Strides.Max() > 1 && DilationRate.Max() > 1)
            throw Error("strides", $"strides > 1 not supported in conjunction with dilation_rate > 1; got strides={SpatialWindows.Format(Strides)}, dilation_rate={SpatialWindows.Format(DilationRate)}.");
        Padding = padding.ToLowerInvariant() is "valid" or "same" ? padding.ToLowerInvariant()
            : throw Error("padding", $"expected \"valid\" or \"same\", got \"{padding}\".");
        _format = ChannelsAxis.Parse(dataFormat, Error);
        Activation = ActivationOption("activation", activation);
        UseBias = useBias;
    }

    /// <summary>Spatial axes: 2 for Conv2D, 3 for Conv3D.</summary>
    public int Rank { get; }

    public int Filters { get; }

    public int[] KernelSize { get; }

    public int[] Strides { get; }

    public string Padding { get; }

    /// <summary><c>channels_last</c> (default) or <c>channels_first</c>.</summary>
    public string DataFormat => _format.DataFormat;

    public int[] DilationRate { get; }

    public int Groups { get; }

    public Activation Activation { get; }

    public bool UseBias { get; }

    public override IReadOnlyList<Variable> Weights => _kernel is null ? [] : _bias is null ? [_kernel] : [_kernel, _bias];

    string Layout => (Rank, _format.First) switch
    {
        (2, false) => "(batch, rows, cols, channels)",
        (2, true) => "(batch, channels, rows, cols)",
        (_, false) => "(batch, dim1, dim2, dim3, channels)",
        _ => "(batch, channels, dim1, dim2, dim3)",
    };

    protected override void BuildCore(IReadOnlyList<int?[]> inputShapes)
    {
        int?[] s = SpatialWindows.CheckRank(inputShapes[0], Rank, Layout, Error);
        if (_format.ToLast(s)[^1] is not int channels || channels <= 0)
            throw Error("input_shape", $"the channel dimension must be known and positive, got {ShapeUtil.Format(s)}.");
        if (channels % Groups != 0)
            throw Error("groups", $"the number of input channels must be evenly divisible by the number of groups; got groups={Groups}, input shape {ShapeUtil.Format(s)}.");
        _kernel = new Variable("kernel", [.. KernelSize, channels / Groups, Filters]);
        _bias = UseBias ? new Variable("bias", [Filters]) : null;
    }

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        int?[] s = SpatialWindows.CheckRank(inputShapes[0], Rank, Layout, Error);
        int?[] spatial = SpatialWindows.OutputSizes(_format.ToLast(s).AsSpan(1, Rank), KernelSize, Strides, DilationRate, Padding);
        if (spatial.Any(d => d <= 0))
            throw Error("input_shape", $"computed output size would be zero or negative: input {ShapeUtil.Format(s)}, kernel_size={SpatialWindows.Format(KernelSize)}, dilation_rate={SpatialWindows.Format(DilationRate)}, strides={SpatialWindows.Format(Strides)}, padding=\"{Padding}\".");
        return [_format.ToFirst([s[0], .. spatial, Filters])];
    }

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        int channels = _kernel!.Shape[Rank] * Groups;
        if (x.Rank != Rank + 2 || x.Shape[_format.First ? 1 : ^1] != channels)
            throw Error("inputs", $"expected {Layout} with {channels} channels, got {ShapeUtil.Format(x.Shape)}.");
        x = _format.ToLast(x);
        ConvolutionGeometry geometry = GeometryFor(x.Shape.AsSpan(1, Rank));
        int batch = x.Shape[0], rows = batch * geometry.OutputCount;
        var y = new Tensor([batch, .. geometry.OutputSize, Filters]);
        if (_bias is not null)
            for (int r = 0; r < rows; r++) _bias.Data.CopyTo(y.Data, r * Filters);
        float[] columns = ArrayPool<float>.Shared.Rent(ConvolutionND.ColumnsLength(batch, geometry, channels / Groups));
        try
        {
            ConvolutionND.Accumulate(x.Data, batch, channels, _kernel.Data, Filters, Groups, geometry, columns, y.Data);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(columns);
        }
        Activation.ApplyRows(y.Data, Filters);
        // A new tensor carries no mask: BaseConv does not support masking.
        return [_format.ToFirst(y)];
    }

    /// <summary>The tap table for this input size, kept while the size stays the same.</summary>
    ConvolutionGeometry GeometryFor(ReadOnlySpan<int> spatial)
    {
        ConvolutionGeometry? g = _geometry;
        if (g is not null && g.Fits(spatial)) return g;
        g = SpatialWindows.Geometry(spatial.ToArray(), KernelSize, Strides, DilationRate, Padding)
            ?? throw Error("inputs", $"computed output size would be zero or negative for spatial size {SpatialWindows.Format(spatial.ToArray())} (kernel_size={SpatialWindows.Format(KernelSize)}, dilation_rate={SpatialWindows.Format(DilationRate)}, strides={SpatialWindows.Format(Strides)}, padding=\"{Padding}\").");
        _geometry = g;
        return g;
    }
}
