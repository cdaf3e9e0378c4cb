using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Convolutional;

/// <summary>
/// Keras's <c>data_format</c> for the 2-D/3-D convolution, pooling, reshaping and ConvLSTM layers. With
/// <c>channels_first</c> the channel axis stands right after the <c>leading</c> axes (batch; batch and time for
/// ConvLSTM's sequences) instead of last. The layers compute channels_last only: <see cref="ToLast(Tensor, int)"/>
/// moves the channel axis last (<c>transpose(0, …, L−1, L+1, …, r−1, L)</c>), the channels_last code runs, and
/// <see cref="ToFirst(Tensor, int)"/> moves it back — as Keras's numpy backend runs its channels_first
/// <c>conv</c>/pools, so the result is exactly the transposition of the channels_last one. With channels_last
/// every method returns its argument unchanged.
/// </summary>
internal readonly struct ChannelsAxis
{
    ChannelsAxis(bool first) => First = first;

    /// <summary>Keras's <c>standardize_data_format</c>: case-insensitive, null meaning <c>channels_last</c>.</summary>
    /// <exception cref="Exception">from <paramref name="error"/>, naming <c>data_format</c>, for any other value.</exception>
    public static ChannelsAxis Parse(string? dataFormat, Func<string, string, Exception> error) =>
        new(SequenceWindows.ChannelsFirst(dataFormat, error));

    /// <summary>Whether the format is <c>channels_first</c>.</summary>
    public bool First { get; }

    /// <summary>The standardised name, as Keras's config writes it.</summary>
    public string DataFormat => First ? "channels_first" : "channels_last";

    /// <summary>The channels_last view of a channels_first shape; shapes with no spatial axis are kept.</summary>
    public int?[] ToLast(int?[] shape, int leading = 1) => Move(shape, leading, toLast: true);

    /// <summary>The channels_first view of a channels_last shape (inverse of <see cref="ToLast(int?[], int)"/>).</summary>
    public int?[] ToFirst(int?[] shape, int leading = 1) => Move(shape, leading, toLast: false);

    /// <summary>The channels_last copy of a channels_first tensor; the (batch, time) mask is kept, since the leading axes do not move.</summary>
    public Tensor ToLast(Tensor x, int leading = 1) => Move(x, leading, toLast: true);

    /// <summary>The channels_first copy of a channels_last tensor (inverse of <see cref="ToLast(Tensor, int)"/>), mask kept.</summary>
    public Tensor ToFirst(Tensor x, int leading = 1) => Move(x, leading, toLast: false);

    /// <summary>Axes that move the channel axis between position <paramref name="leading"/> and the end of a rank-r array.</summary>
    static int[] Axes(int rank, int leading, bool toLast)
    {
        var axes = new int[rank];
        for (int i = 0; i < leading; i++) axes[i] = i;
        for (int i = leading; i < rank - 1; i++) axes[i] = toLast ? i + 1 : i;
        if (toLast) axes[rank - 1] = leading;
        else
        {
            axes[leading] = rank - 1;
            for (int i = leading + 1; i < rank; i++) axes[i] = i - 1;
        }
        return axes;
    }

    int?[] Move(int?[] shape, int leading, bool toLast)
    {
        if (!First || shape.Length < leading + 2) return shape;
        int[] axes = Axes(shape.Length, leading, toLast);
        var result = new int?[shape.Length];
        for (int i = 0; i < axes.Length; i++) result[i] = shape[axes[i]];
        return result;
    }

    Tensor Move(Tensor x, int leading, bool toLast)
    {
        if (!First || x.Rank < leading + 2) return x;
        int[] axes = Axes(x.Rank, leading, toLast);
        var y = new Tensor(Transposition.Shape(x.Shape, axes));
        Transposition.Transpose(x.Data, x.Shape, axes, y.Data);
        y.Mask = x.Mask;
        return y;
    }
}
