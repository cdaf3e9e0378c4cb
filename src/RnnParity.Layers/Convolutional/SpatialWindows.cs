using RnnParity.Core.Math;
using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Convolutional;

/// <summary>
/// Window geometry of the N-d (2-D, 3-D) convolution and pooling layers: the per-axis rules of
/// <see cref="SequenceWindows"/> (Keras's <c>compute_conv_output_shape</c>, XLA's 'same' split) on every
/// spatial axis of a channels_last (batch, s₁, …, s_r, channels) tensor.
/// </summary>
internal static class SpatialWindows
{
    /// <summary>Keras's <c>standardize_tuple</c>: <paramref name="rank"/> positive integers.</summary>
    public static int[] Tuple(int[] values, int rank, string option, Func<string, string, Exception> error)
    {
        if (values.Length != rank)
            throw error(option, $"expected {rank} integers, got {values.Length} ({string.Join(", ", values)}).");
        foreach (int v in values)
            if (v <= 0) throw error(option, $"expected positive integers, got ({string.Join(", ", values)}).");
        return (int[])values.Clone();
    }

    /// <summary>The spatial output sizes for spatial input sizes (null where unknown).</summary>
    public static int?[] OutputSizes(ReadOnlySpan<int?> input, int[] window, int[] strides, int[] dilation, string padding)
    {
        var output = new int?[input.Length];
        for (int a = 0; a < input.Length; a++)
            output[a] = SequenceWindows.OutputLength(input[a], dilation[a] * (window[a] - 1) + 1, strides[a], padding);
        return output;
    }

    /// <summary>The geometry of a call on spatial input sizes <paramref name="input"/>; null when an output size is not positive.</summary>
    public static ConvolutionGeometry? Geometry(int[] input, int[] window, int[] strides, int[] dilation, string padding)
    {
        int rank = input.Length;
        var output = new int[rank];
        var before = new int[rank];
        for (int a = 0; a < rank; a++)
        {
            int span = dilation[a] * (window[a] - 1) + 1;
            output[a] = SequenceWindows.OutputLength(input[a], span, strides[a], padding)!.Value;
            if (output[a] <= 0) return null;
            before[a] = SequenceWindows.LeftPad(input[a], output[a], span, strides[a], padding);
        }
        return new ConvolutionGeometry(input, output, window, strides, dilation, before);
    }

    /// <summary>"(a, b)" for messages.</summary>
    public static string Format(int[] values) => "(" + string.Join(", ", values) + ")";

    /// <summary>Checks a symbolic input of rank r + 2 and returns it.</summary>
    public static int?[] CheckRank(int?[] shape, int rank, string layout, Func<string, string, Exception> error) =>
        shape.Length == rank + 2 ? shape
            : throw error("input_shape", $"expected a rank-{rank + 2} input {layout}, got {ShapeUtil.Format(shape)}.");
}
