using RnnParity.Core.Tensors;
using RnnParity.Layers.Convolutional;

namespace RnnParity.Layers.Reshaping;

/// <summary>
/// Keras's <c>UpSampling2D</c>/<c>UpSampling3D</c> (nearest) on N spatial axes: every position of spatial axis a
/// repeated size[a] times (<c>ops.repeat</c> axis by axis), y[n, i…, c] = x[n, ⌊i/size⌋…, c]. Drops the mask.
/// With <c>channels_first</c>, (batch, channels, s₁, …, s_N) in and out, the transposition of the channels_last
/// result (<see cref="ChannelsAxis"/>).
/// </summary>
public abstract class UpSamplingNd : Layer
{
    readonly ChannelsAxis _format;

    private protected UpSamplingNd(int[] size, string? dataFormat, string? name) : base(name)
    {
        if (size.Any(v => v <= 0))
            throw Error("size", $"expected {size.Length} positive integers, got ({string.Join(", ", size)}).");
        Size = size;
        _format = ChannelsAxis.Parse(dataFormat, Error);
    }

    /// <summary><c>channels_last</c> (default) or <c>channels_first</c>.</summary>
    public string DataFormat => _format.DataFormat;

    /// <summary>The repeat count of each spatial axis.</summary>
    public int[] Size { get; }

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        int?[] s = inputShapes[0];
        SpatialBlocks.CheckRank(Size.Length, s.Length, () => ShapeUtil.Format(s), Error);
        var output = (int?[])_format.ToLast(s).Clone();
        for (int a = 0; a < Size.Length; a++) output[a + 1] *= Size[a];
        return [_format.ToFirst(output)];
    }

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        SpatialBlocks.CheckRank(Size.Length, x.Rank, () => ShapeUtil.Format(x.Shape), Error);
        return [_format.ToFirst(SpatialBlocks.Repeat(_format.ToLast(x), Size))];
    }
}

/// <summary>Keras's <c>UpSampling2D(size, interpolation="nearest")</c>: every row repeated size[0] times and every
/// column size[1] times. Other interpolations are not supported yet. See <see cref="UpSamplingNd"/>.</summary>
public sealed class UpSampling2D : UpSamplingNd
{
    public UpSampling2D(int[]? size = null, string? dataFormat = null, string interpolation = "nearest", string? name = null)
        : base(size ?? [2, 2], dataFormat, name)
    {
        if (Size.Length != 2) throw Error("size", $"expected 2 positive integers, got ({string.Join(", ", Size)}).");
        Interpolation = interpolation.ToLowerInvariant();
        if (Interpolation != "nearest")
            throw new NotSupportedYetException(Name, ClassName, "interpolation", $"interpolation=\"{interpolation}\" (only \"nearest\").");
    }

    public string Interpolation { get; }
}

/// <summary>Keras's <c>UpSampling3D(size)</c>: the three spatial axes repeated size[0], size[1] and size[2] times
/// (Keras's default (2, 2, 2); the layer has no <c>interpolation</c>). See <see cref="UpSamplingNd"/>.</summary>
public sealed class UpSampling3D : UpSamplingNd
{
    public UpSampling3D(int[]? size = null, string? dataFormat = null, string? name = null) : base(size ?? [2, 2, 2], dataFormat, name)
    {
        if (Size.Length != 3) throw Error("size", $"expected 3 positive integers, got ({string.Join(", ", Size)}).");
    }
}
