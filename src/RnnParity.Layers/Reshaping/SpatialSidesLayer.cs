using RnnParity.Core.Tensors;
using RnnParity.Layers.Convolutional;

namespace RnnParity.Layers.Reshaping;

/// <summary>
/// Keras's ZeroPadding2D/3D and Cropping2D/3D on N spatial axes of a channels_last sample, one (before, after) pair per
/// spatial axis a. Padding: out[a] = in[a] + before + after, y[n, i…, c] = x[n, (i − before)…, c] inside and 0 outside.
/// Cropping: out[a] = in[a] − before − after, which must stay positive, y[n, i…, c] = x[n, (i + before)…, c].
/// Both drop the mask (Keras's layers do not support masking). With <c>channels_first</c> the sample is
/// (channels, s₁, …, s_N) and the result the transposition of the channels_last one (<see cref="ChannelsAxis"/>).
/// </summary>
public abstract class SpatialSidesLayer : Layer
{
    readonly string _option;
    readonly int _sign;
    readonly ChannelsAxis _format;

    private protected SpatialSidesLayer(string option, bool crop, (int Before, int After)[] sides, string? dataFormat, string? name) : base(name)
    {
        _option = option;
        _sign = crop ? -1 : 1;
        Sides = SpatialBlocks.NonNegative(sides, option, Error);
        _format = ChannelsAxis.Parse(dataFormat, Error);
    }

    /// <summary><c>channels_last</c> (default) or <c>channels_first</c>.</summary>
    public string DataFormat => _format.DataFormat;

    /// <summary>(before, after) of each spatial axis, in axis order.</summary>
    public IReadOnlyList<(int Before, int After)> Sides { get; }

    int? Resized(int? size, int axis, Func<string> shape) => size is not int n ? null
        : n + _sign * (Sides[axis].Before + Sides[axis].After) is var m && (m > 0 || _sign > 0) ? m
        : throw Error(_option, $"values should be smaller than the corresponding spatial dimension of the input; input shape {shape()}, {_option} {SpatialBlocks.Format([.. Sides])}.");

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        int?[] s = inputShapes[0];
        SpatialBlocks.CheckRank(Sides.Count, s.Length, () => ShapeUtil.Format(s), Error);
        var output = (int?[])_format.ToLast(s).Clone();
        for (int a = 0; a < Sides.Count; a++) output[a + 1] = Resized(output[a + 1], a, () => ShapeUtil.Format(s));
        return [_format.ToFirst(output)];
    }

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor original = inputs[0];
        SpatialBlocks.CheckRank(Sides.Count, original.Rank, () => ShapeUtil.Format(original.Shape), Error);
        Tensor x = _format.ToLast(original);
        var shape = (int[])x.Shape.Clone();
        Span<int> before = stackalloc int[Sides.Count];
        for (int a = 0; a < Sides.Count; a++) { before[a] = Sides[a].Before; shape[a + 1] = Resized(x.Shape[a + 1], a, () => ShapeUtil.Format(original.Shape))!.Value; }
        var y = new Tensor(shape);
        // The block is the input when padding and the output when cropping; `before` is where it sits in the larger one.
        if (_sign > 0) SpatialBlocks.CopyBlock(x, stackalloc int[Sides.Count], y, before, x.Shape.AsSpan(1, Sides.Count));
        else SpatialBlocks.CopyBlock(x, before, y, stackalloc int[Sides.Count], shape.AsSpan(1, Sides.Count));
        return [_format.ToFirst(y)];
    }
}
