using RnnParity.Core.Tensors;
using RnnParity.Layers.Convolutional;

namespace RnnParity.Layers.Pooling;

/// <summary>
/// Keras's <c>BaseGlobalPooling</c> for sequences: reduces the steps axis, giving (batch, channels),
/// or (batch, 1, channels) with <c>keepdims</c> (channels_first: (batch, channels[, 1])).
/// Neither layer passes a mask on.
/// </summary>
public abstract class GlobalPooling1D : Layer
{
    readonly bool _channelsFirst;

    private protected GlobalPooling1D(string? dataFormat, bool keepdims, string? name) : base(name)
    {
        _channelsFirst = SequenceWindows.ChannelsFirst(dataFormat, Error);
        DataFormat = _channelsFirst ? "channels_first" : "channels_last";
        Keepdims = keepdims;
    }

    public string DataFormat { get; }

    public bool Keepdims { get; }

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        int?[] s = inputShapes[0];
        if (s.Length != 3)
            throw Error("input_shape", $"expected a rank-3 input (batch, steps, channels), got {ShapeUtil.Format(s)}.");
        int? channels = _channelsFirst ? s[1] : s[2];
        return [!Keepdims ? [s[0], channels] : _channelsFirst ? [s[0], channels, 1] : [s[0], 1, channels]];
    }

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        if (x.Rank != 3)
            throw Error("inputs", $"expected a rank-3 input (batch, steps, channels), got {ShapeUtil.Format(x.Shape)}.");
        bool[]? mask = x.Mask;
        if (_channelsFirst) x = SequenceWindows.SwapLastAxes(x);
        int batch = x.Shape[0], steps = x.Shape[1], channels = x.Shape[2];
        if (mask is not null && mask.Length != batch * steps)
            throw Error("mask", $"expected a (batch, steps) mask of {batch * steps} values for input {ShapeUtil.Format(inputs[0].Shape)}, got {mask.Length}.");
        int[] shape = !Keepdims ? [batch, channels] : _channelsFirst ? [batch, channels, 1] : [batch, 1, channels];
        var y = new Tensor(shape);
        for (int n = 0; n < batch; n++)
            Reduce(x.Data.AsSpan(n * steps * channels, steps * channels), mask is null ? default : mask.AsSpan(n * steps, steps),
                steps, channels, y.Data.AsSpan(n * channels, channels));
        return [y];
    }

    /// <summary>Reduces one sequence of <paramref name="steps"/> × <paramref name="channels"/> values;
    /// <paramref name="mask"/> is empty when the input had none.</summary>
    private protected abstract void Reduce(ReadOnlySpan<float> sequence, ReadOnlySpan<bool> mask, int steps, int channels, Span<float> output);
}
