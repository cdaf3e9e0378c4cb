using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Convolutional;

/// <summary>
/// Window geometry shared by the 1-D convolution and pooling layers, as Keras computes it
/// (<c>keras/src/ops/operation_utils.py</c> for shapes; XLA's <c>SAME</c> padding rule, which the
/// numpy backend's <c>lax.conv_general_dilated</c>/<c>lax.reduce_window</c> apply, for the values).
/// </summary>
internal static class SequenceWindows
{
    /// <summary>
    /// Output steps for <paramref name="length"/> input steps: <c>valid</c>: ⌊(L − span)/stride⌋ + 1,
    /// <c>same</c> and <c>causal</c>: ⌊(L − 1)/stride⌋ + 1, where span = dilation·(window − 1) + 1;
    /// null for an unknown length.
    /// </summary>
    public static int? OutputLength(int? length, int span, int stride, string padding) => length switch
    {
        null => null,
        int l when padding == "valid" => (int)System.Math.Floor((l - span) / (double)stride) + 1,
        int l => (l - 1) / stride + 1,
    };

    /// <summary>
    /// Zeros (or excluded positions) before the first step: <c>same</c> pads ⌊total/2⌋ on the left,
    /// total = max((out − 1)·stride + span − L, 0), as XLA does; <c>causal</c> pads span − 1, all left.
    /// </summary>
    public static int LeftPad(int length, int outLength, int span, int stride, string padding) => padding switch
    {
        "same" => System.Math.Max((outLength - 1) * stride + span - length, 0) / 2,
        "causal" => span - 1,
        _ => 0,
    };

    /// <summary>Keras's <c>standardize_data_format</c>: case-insensitive, null meaning channels_last
    /// (Keras's default <c>image_data_format</c>).</summary>
    public static bool ChannelsFirst(string? dataFormat, Func<string, string, Exception> error) =>
        (dataFormat ?? "channels_last").ToLowerInvariant() switch
        {
            "channels_last" => false,
            "channels_first" => true,
            _ => throw error("data_format", $"expected \"channels_last\" or \"channels_first\", got \"{dataFormat}\"."),
        };

    /// <summary>Swaps the two trailing axes of a rank-3 tensor: (batch, a, b) → (batch, b, a);
    /// how channels_first runs on the channels_last kernels.</summary>
    public static Tensor SwapLastAxes(Tensor x)
    {
        int batch = x.Shape[0], a = x.Shape[1], b = x.Shape[2];
        var y = new Tensor(batch, b, a);
        for (int n = 0; n < batch; n++)
        {
            ReadOnlySpan<float> src = x.Data.AsSpan(n * a * b, a * b);
            Span<float> dst = y.Data.AsSpan(n * a * b, a * b);
            for (int i = 0; i < a; i++)
                for (int j = 0; j < b; j++) dst[j * a + i] = src[i * b + j];
        }
        return y;
    }

    /// <summary>A positive integer option, or a tuple of one (Keras's <c>standardize_tuple</c>).</summary>
    public static int Positive(int value, string option, Func<string, string, Exception> error) =>
        value > 0 ? value : throw error(option, $"expected a positive integer, got {value}.");
}
