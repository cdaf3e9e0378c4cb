using System.Numerics.Tensors;
using RnnParity.Core.Tensors;
using Tensor = RnnParity.Core.Tensors.Tensor;
using RnnParity.Layers.Convolutional;

namespace RnnParity.Layers.Pooling;

/// <summary>
/// Keras's <c>BaseGlobalPooling</c> for r = 2 or 3 spatial axes, channels_last: reduces every spatial axis,
/// giving (batch, channels), or (batch, 1, …, 1, channels) with <c>keepdims</c>. Masks are not supported
/// by these layers in Keras: dropped. With <c>channels_first</c> the input is (batch, channels, s₁, …, s_r) and the
/// keepdims output (batch, channels, 1, …, 1) (<see cref="ChannelsAxis"/>).
/// </summary>
public abstract class GlobalPoolingND : Layer
{
    readonly ChannelsAxis _format;

    private protected GlobalPoolingND(int rank, string? dataFormat, bool keepdims, string? name) : base(name)
    {
        Rank = rank;
        _format = ChannelsAxis.Parse(dataFormat, Error);
        Keepdims = keepdims;
    }

    public int Rank { get; }

    /// <summary><c>channels_last</c> (default) or <c>channels_first</c>.</summary>
    public string DataFormat => _format.DataFormat;

    string Layout => _format.First ? "(batch, channels, spatial...)" : "(batch, spatial..., channels)";

    public bool Keepdims { get; }

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        int?[] s = _format.ToLast(SpatialWindows.CheckRank(inputShapes[0], Rank, Layout, Error));
        return [_format.ToFirst(Keepdims ? [s[0], .. Enumerable.Repeat<int?>(1, Rank), s[^1]] : [s[0], s[^1]])];
    }

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        if (x.Rank != Rank + 2)
            throw Error("inputs", $"expected a rank-{Rank + 2} input {Layout}, got {ShapeUtil.Format(x.Shape)}.");
        x = _format.ToLast(x);
        int batch = x.Shape[0], channels = x.Shape[^1], positions = x.Length / (batch * channels);
        var y = new Tensor(Keepdims ? [batch, .. Enumerable.Repeat(1, Rank), channels] : [batch, channels]);
        for (int n = 0; n < batch; n++)
            Reduce(x.Data.AsSpan(n * positions * channels, positions * channels), positions, channels, y.Data.AsSpan(n * channels, channels));
        return [_format.ToFirst(y)];
    }

    private protected abstract void Reduce(ReadOnlySpan<float> image, int positions, int channels, Span<float> output);
}

/// <summary>Keras's <c>GlobalMaxPooling2D</c>/<c>3D</c>: <c>y[n, c] = max over every position of x[n, ·, c]</c>.</summary>
public abstract class GlobalMaxPoolingND(int rank, string? dataFormat, bool keepdims, string? name) : GlobalPoolingND(rank, dataFormat, keepdims, name)
{
    private protected override void Reduce(ReadOnlySpan<float> image, int positions, int channels, Span<float> output)
    {
        image.Slice(0, channels).CopyTo(output);
        for (int p = 1; p < positions; p++) TensorPrimitives.Max(output, image.Slice(p * channels, channels), output);
    }
}

/// <summary>Keras's <c>GlobalAveragePooling2D</c>/<c>3D</c>: <c>y[n, c] = Σ_p x[n, p, c] / positions</c>.</summary>
public abstract class GlobalAveragePoolingND(int rank, string? dataFormat, bool keepdims, string? name) : GlobalPoolingND(rank, dataFormat, keepdims, name)
{
    private protected override void Reduce(ReadOnlySpan<float> image, int positions, int channels, Span<float> output)
    {
        output.Clear();
        for (int p = 0; p < positions; p++) TensorPrimitives.Add(output, image.Slice(p * channels, channels), output);
        TensorPrimitives.Divide(output, positions, output);
    }
}

/// <summary>Keras's <c>GlobalMaxPooling2D</c> (alias <c>GlobalMaxPool2D</c>).</summary>
public sealed class GlobalMaxPooling2D(string? dataFormat = null, bool keepdims = false, string? name = null) : GlobalMaxPoolingND(2, dataFormat, keepdims, name);

/// <summary>Keras's <c>GlobalAveragePooling2D</c> (alias <c>GlobalAvgPool2D</c>).</summary>
public sealed class GlobalAveragePooling2D(string? dataFormat = null, bool keepdims = false, string? name = null) : GlobalAveragePoolingND(2, dataFormat, keepdims, name);

/// <summary>Keras's <c>GlobalMaxPooling3D</c> (alias <c>GlobalMaxPool3D</c>).</summary>
public sealed class GlobalMaxPooling3D(string? dataFormat = null, bool keepdims = false, string? name = null) : GlobalMaxPoolingND(3, dataFormat, keepdims, name);

/// <summary>Keras's <c>GlobalAveragePooling3D</c> (alias <c>GlobalAvgPool3D</c>).</summary>
public sealed class GlobalAveragePooling3D(string? dataFormat = null, bool keepdims = false, string? name = null) : GlobalAveragePoolingND(3, dataFormat, keepdims, name);
