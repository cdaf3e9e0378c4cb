namespace RnnParity.Core.Tensors;

/// <summary>
/// A dense, row-major (C order) float32 array with its shape, and the Keras timestep mask that
/// travels with it (Keras keeps the mask on the tensor as <c>_keras_mask</c>; so do we).
/// </summary>
/// <remarks>float32 throughout, because Keras computes RNNs in float32 by default and parity
/// is measured against that.</remarks>
public sealed class Tensor
{
    public Tensor(int[] shape, float[] data)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        long size = ShapeUtil.Size(shape);
        if (size != data.Length)
            throw new ArgumentException($"data has {data.Length} elements but shape {ShapeUtil.Format(shape)} needs {size}.", nameof(data));
        Shape = shape;
        Data = data;
    }

    public Tensor(params int[] shape) : this(shape, new float[ShapeUtil.Size(shape)]) { }

    public int[] Shape { get; }

    public float[] Data { get; }

    public int Rank => Shape.Length;

    public int Length => Data.Length;

    /// <summary>(batch, timesteps) booleans, true where the step is kept; null when unmasked.</summary>
    public bool[]? Mask { get; set; }

    public Span<float> Span => Data;

    public Tensor WithMask(bool[]? mask)
    {
        Mask = mask;
        return this;
    }

    public override string ToString() => $"Tensor{ShapeUtil.Format(Shape)}";
}
