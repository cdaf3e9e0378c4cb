using System.Numerics.Tensors;
using RnnParity.Core.Math;
using RnnParity.Core.Tensors;
using Tensor = RnnParity.Core.Tensors.Tensor;
using RnnParity.Layers.Convolutional;

namespace RnnParity.Layers.Pooling;

/// <summary>
/// Keras's <c>BasePooling</c> for r = 2 or 3 spatial axes, channels_last: a window of <c>pool_size</c>
/// moved by <c>strides</c> (default <c>pool_size</c>), per channel. <c>valid</c>: ⌊(s − pool)/stride⌋ + 1
/// positions per axis; <c>same</c>: ⌈s/stride⌉, padded as XLA pads (⌊total/2⌋ before) with positions that
/// take no part in the result. Does not support masking: an incoming mask is dropped, as in Keras.
/// With <c>channels_first</c>, (batch, channels, s₁, …, s_r) in and out, the transposition of the channels_last
/// result (<see cref="ChannelsAxis"/>).
/// </summary>
public abstract class PoolingND : Layer
{
    ConvolutionGeometry? _geometry;
    readonly int[] _ones;
    readonly ChannelsAxis _format;

    private protected PoolingND(int rank, int[] poolSize, int[]? strides, string padding, string? dataFormat, string? name) : base(name)
    {
        Rank = rank;
        PoolSize = SpatialWindows.Tuple(poolSize, rank, "pool_size", Error);
        Strides = SpatialWindows.Tuple(strides ?? poolSize, rank, "strides", Error);
        Padding = padding.ToLowerInvariant() is "valid" or "same" ? padding.ToLowerInvariant()
            : throw Error("padding", $"expected \"valid\" or \"same\", got \"{padding}\".");
        _format = ChannelsAxis.Parse(dataFormat, Error);
        _ones = Enumerable.Repeat(1, rank).ToArray();
    }

    public int Rank { get; }

    public int[] PoolSize { get; }

    public int[] Strides { get; }

    public string Padding { get; }

    /// <summary><c>channels_last</c> (default) or <c>channels_first</c>.</summary>
    public string DataFormat => _format.DataFormat;

    string Layout => (Rank, _format.First) switch
    {
        (2, false) => "(batch, rows, cols, channels)",
        (2, true) => "(batch, channels, rows, cols)",
        (_, false) => "(batch, dim1, dim2, dim3, channels)",
        _ => "(batch, channels, dim1, dim2, dim3)",
    };

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        int?[] original = SpatialWindows.CheckRank(inputShapes[0], Rank, Layout, Error), s = _format.ToLast(original);
        int?[] spatial = SpatialWindows.OutputSizes(s.AsSpan(1, Rank), PoolSize, Strides, _ones, Padding);
        if (spatial.Any(d => d <= 0))
            throw Error("input_shape", $"computed output size would be zero or negative: input {ShapeUtil.Format(original)}, pool_size={SpatialWindows.Format(PoolSize)}, strides={SpatialWindows.Format(Strides)}, padding=\"{Padding}\".");
        return [_format.ToFirst([s[0], .. spatial, s[^1]])];
    }

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        if (x.Rank != Rank + 2)
            throw Error("inputs", $"expected a rank-{Rank + 2} input {Layout}, got {ShapeUtil.Format(x.Shape)}.");
        x = _format.ToLast(x);
        ConvolutionGeometry geometry = GeometryFor(x.Shape.AsSpan(1, Rank));
        int batch = x.Shape[0], channels = x.Shape[^1], positions = geometry.InputCount, outputs = geometry.OutputCount;
        var y = new Tensor([batch, .. geometry.OutputSize, channels]);
        for (int n = 0; n < batch; n++)
        {
            ReadOnlySpan<float> image = x.Data.AsSpan(n * positions * channels, positions * channels);
            for (int o = 0; o < outputs; o++)
                Pool(image, geometry.Taps(o), channels, y.Data.AsSpan((n * outputs + o) * channels, channels));
        }
        // A new tensor carries no mask: Keras's pooling layers do not support masking.
        return [_format.ToFirst(y)];
    }

    /// <summary>Reduces the window's input positions <paramref name="taps"/> (−1: padding, which takes no
    /// part; every window holds at least one real position) of <paramref name="image"/> into <paramref name="output"/>.</summary>
    private protected abstract void Pool(ReadOnlySpan<float> image, ReadOnlySpan<int> taps, int channels, Span<float> output);

    ConvolutionGeometry GeometryFor(ReadOnlySpan<int> spatial)
    {
        ConvolutionGeometry? g = _geometry;
        if (g is not null && g.Fits(spatial)) return g;
        g = SpatialWindows.Geometry(spatial.ToArray(), PoolSize, Strides, _ones, Padding)
            ?? throw Error("inputs", $"computed output size would be zero or negative for spatial size {SpatialWindows.Format(spatial.ToArray())} (pool_size={SpatialWindows.Format(PoolSize)}, strides={SpatialWindows.Format(Strides)}, padding=\"{Padding}\").");
        _geometry = g;
        return g;
    }
}

/// <summary>
/// Keras's <c>MaxPooling2D</c>/<c>MaxPooling3D</c>: <c>y[n, o, c] = max over the window of x[n, ·, c]</c>; the
/// 'same' padding is −∞ in Keras's numpy backend (<c>reduce_window(…, -inf, max)</c>), so it never wins.
/// </summary>
public abstract class MaxPoolingND(int rank, int[] poolSize, int[]? strides, string padding, string? dataFormat, string? name)
    : PoolingND(rank, poolSize, strides, padding, dataFormat, name)
{
    private protected override void Pool(ReadOnlySpan<float> image, ReadOnlySpan<int> taps, int channels, Span<float> output)
    {
        bool first = true;
        foreach (int p in taps)
        {
            if (p < 0) continue;
            ReadOnlySpan<float> v = image.Slice(p * channels, channels);
            if (first) v.CopyTo(output);
            else TensorPrimitives.Max(output, v, output);
            first = false;
        }
    }
}

/// <summary>
/// Keras's <c>AveragePooling2D</c>/<c>AveragePooling3D</c>: the mean of the window's positions inside the
/// input; with 'same' the divisor counts only those positions (Keras's numpy backend divides by a pooled
/// window of ones).
/// </summary>
public abstract class AveragePoolingND(int rank, int[] poolSize, int[]? strides, string padding, string? dataFormat, string? name)
    : PoolingND(rank, poolSize, strides, padding, dataFormat, name)
{
    private protected override void Pool(ReadOnlySpan<float> image, ReadOnlySpan<int> taps, int channels, Span<float> output)
    {
        output.Clear();
        int count = 0;
        foreach (int p in taps)
        {
            if (p < 0) continue;
            TensorPrimitives.Add(output, image.Slice(p * channels, channels), output);
            count++;
        }
        TensorPrimitives.Divide(output, count, output);
    }
}

/// <summary>Keras's <c>MaxPooling2D</c> (alias <c>MaxPool2D</c>), default pool (2, 2).</summary>
public sealed class MaxPooling2D(int[]? poolSize = null, int[]? strides = null, string padding = "valid", string? dataFormat = null, string? name = null)
    : MaxPoolingND(2, poolSize ?? [2, 2], strides, padding, dataFormat, name);

/// <summary>Keras's <c>AveragePooling2D</c> (alias <c>AvgPool2D</c>).</summary>
public sealed class AveragePooling2D(int[] poolSize, int[]? strides = null, string padding = "valid", string? dataFormat = null, string? name = null)
    : AveragePoolingND(2, poolSize, strides, padding, dataFormat, name);

/// <summary>Keras's <c>MaxPooling3D</c> (alias <c>MaxPool3D</c>), default pool (2, 2, 2).</summary>
public sealed class MaxPooling3D(int[]? poolSize = null, int[]? strides = null, string padding = "valid", string? dataFormat = null, string? name = null)
    : MaxPoolingND(3, poolSize ?? [2, 2, 2], strides, padding, dataFormat, name);

/// <summary>Keras's <c>AveragePooling3D</c> (alias <c>AvgPool3D</c>).</summary>
public sealed class AveragePooling3D(int[] poolSize, int[]? strides = null, string padding = "valid", string? dataFormat = null, string? name = null)
    : AveragePoolingND(3, poolSize, strides, padding, dataFormat, name);
