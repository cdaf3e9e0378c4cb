using RnnParity.Core.Tensors;
using RnnParity.Layers.Convolutional;

namespace RnnParity.Layers.Pooling;

/// <summary>
/// Keras's <c>BasePooling</c> for one spatial dimension: a window of <c>pool_size</c> steps moved by
/// <c>strides</c> (default <c>pool_size</c>), per channel. Padding <c>valid</c>: whole windows only,
/// ⌊(L − pool_size)/strides⌋ + 1 steps; <c>same</c>: ⌈L/strides⌉ steps, the window padded as XLA pads
/// (⌊total/2⌋ on the left) with positions that take no part in the result.
/// Does not support masking: an incoming mask is dropped, as in Keras.
/// </summary>
public abstract class Pooling1D : Layer
{
    readonly bool _channelsFirst;

    private protected Pooling1D(int poolSize, int? strides, string padding, string? dataFormat, string? name) : base(name)
    {
        PoolSize = SequenceWindows.Positive(poolSize, "pool_size", Error);
        Strides = SequenceWindows.Positive(strides ?? poolSize, "strides", Error);
        Padding = padding.ToLowerInvariant() is "valid" or "same" ? padding.ToLowerInvariant()
            : throw Error("padding", $"expected \"valid\" or \"same\", got \"{padding}\".");
        _channelsFirst = SequenceWindows.ChannelsFirst(dataFormat, Error);
        DataFormat = _channelsFirst ? "channels_first" : "channels_last";
    }

    public int PoolSize { get; }

    public int Strides { get; }

    public string Padding { get; }

    public string DataFormat { get; }

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        int?[] s = inputShapes[0];
        if (s.Length != 3)
            throw Error("input_shape", $"expected a rank-3 input (batch, steps, channels), got {ShapeUtil.Format(s)}.");
        int? steps = SequenceWindows.OutputLength(_channelsFirst ? s[2] : s[1], PoolSize, Strides, Padding);
        if (steps <= 0)
            throw Error("input_shape", $"computed output size would be zero or negative: input {ShapeUtil.Format(s)}, pool_size={PoolSize}, strides={Strides}, padding=\"{Padding}\".");
        return [_channelsFirst ? [s[0], s[1], steps] : [s[0], steps, s[2]]];
    }

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        if (x.Rank != 3)
            throw Error("inputs", $"expected a rank-3 input (batch, steps, channels), got {ShapeUtil.Format(x.Shape)}.");
        if (_channelsFirst) x = SequenceWindows.SwapLastAxes(x);
        int batch = x.Shape[0], length = x.Shape[1], channels = x.Shape[2];
        int outLength = SequenceWindows.OutputLength(length, PoolSize, Strides, Padding)!.Value;
        if (outLength <= 0)
            throw Error("inputs", $"computed output size would be zero or negative for {length} steps (pool_size={PoolSize}, strides={Strides}, padding=\"{Padding}\").");
        int left = SequenceWindows.LeftPad(length, outLength, PoolSize, Strides, Padding);
        var y = new Tensor(batch, outLength, channels);
        for (int n = 0; n < batch; n++)
            for (int t = 0; t < outLength; t++)
            {
                int first = System.Math.Max(t * Strides - left, 0);
                int end = System.Math.Min(t * Strides - left + PoolSize, length);
                Pool(x.Data.AsSpan((n * length + first) * channels, (end - first) * channels), end - first, channels,
                    y.Data.AsSpan((n * outLength + t) * channels, channels));
            }
        // A new tensor carries no mask: Keras's pooling layers do not support masking.
        return [_channelsFirst ? SequenceWindows.SwapLastAxes(y) : y];
    }

    /// <summary>Reduces <paramref name="count"/> consecutive steps of <paramref name="channels"/> values
    /// (the window's positions inside the input; padding never reaches here) into <paramref name="output"/>.</summary>
    private protected abstract void Pool(ReadOnlySpan<float> window, int count, int channels, Span<float> output);
}
