using NumSharp;
using RnnParity.Core.Tensors;

namespace RnnParity.Fixtures.Format;

/// <summary>The numeric element types a fixture may hold (FIXTURES.md: numeric dtypes only).</summary>
public enum NpyDType
{
    Float32,
    Float64,
    Int32,
    Int64,
}

public static class NpyDTypeExtensions
{
    public static int ItemSize(this NpyDType t) => t switch
    {
        NpyDType.Float32 or NpyDType.Int32 => 4,
        NpyDType.Float64 or NpyDType.Int64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };

    /// <summary>numpy's little-endian descr: <c>&lt;f4</c>, <c>&lt;f8</c>, <c>&lt;i4</c>, <c>&lt;i8</c>.</summary>
    public static string Descr(this NpyDType t) => t switch
    {
        NpyDType.Float32 => "<f4",
        NpyDType.Float64 => "<f8",
        NpyDType.Int32 => "<i4",
        NpyDType.Int64 => "<i8",
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };

    /// <summary>numpy's name: float32, float64, int32, int64.</summary>
    public static string NumpyName(this NpyDType t) => t.ToString().ToLowerInvariant();
}

/// <summary>
/// An n-dimensional array read from (or to be written to) a <c>.npy</c> file: shape, element type and
/// the values in C (row-major) order, held as <see cref="double"/> whatever the file's dtype.
/// </summary>
/// <remarks>
/// Written by hand rather than with NumSharp: fixture files come from users, so the reader must
/// validate strictly (dtype, order, sizes, trailing bytes) and enforce size limits before it
/// allocates, and report every fault as a message naming the field; a general array library does
/// neither. <see cref="double"/> holds float32, float64 and int32 exactly; int64 values beyond
/// ±2^53 lose precision (fixtures use int64 only for token ids and counts, far below that).
/// </remarks>
public sealed class NpyArray
{
    public NpyArray(int[] shape, NpyDType dtype, double[] data)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        long size = ShapeUtil.Size(shape);
        if (size != data.Length)
            throw new ArgumentException($"data has {data.Length} elements but shape {ShapeUtil.Format(shape)} needs {size}.", nameof(data));
        if (!Enum.IsDefined(dtype)) throw new ArgumentOutOfRangeException(nameof(dtype));
        Shape = shape;
        DType = dtype;
        Data = data;
    }

    public int[] Shape { get; }
    public NpyDType DType { get; }

    /// <summary>Values in C order.</summary>
    public double[] Data { get; }

    public int Rank => Shape.Length;
    public int Length => Data.Length;

    public static NpyArray FromFloat32(float[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        var d = new double[data.Length];
        for (int i = 0; i < d.Length; i++) d[i] = data[i];
        return new NpyArray((int[])shape.Clone(), NpyDType.Float32, d);
    }

    public static NpyArray FromFloat64(double[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new NpyArray((int[])shape.Clone(), NpyDType.Float64, (double[])data.Clone());
    }

    public static NpyArray FromInt32(int[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        var d = new double[data.Length];
        for (int i = 0; i < d.Length; i++) d[i] = data[i];
        return new NpyArray((int[])shape.Clone(), NpyDType.Int32, d);
    }

    public static NpyArray FromInt64(long[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        var d = new double[data.Length];
        for (int i = 0; i < d.Length; i++) d[i] = data[i];
        return new NpyArray((int[])shape.Clone(), NpyDType.Int64, d);
    }

    public static NpyArray FromTensor(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return FromFloat32(tensor.Data, tensor.Shape);
    }

    /// <summary>The values rounded to float32 (exact for float32 files), C order.</summary>
    public float[] ToFloatArray()
    {
        var f = new float[Data.Length];
        for (int i = 0; i < f.Length; i++) f[i] = (float)Data[i];
        return f;
    }

    /// <summary>A float32 <see cref="Tensor"/> with a copy of the shape and the values rounded to float32.</summary>
    public Tensor ToTensor() => new((int[])Shape.Clone(), ToFloatArray());

    /// <summary>
    /// A NumSharp array of the same shape and dtype (float32 → <c>np.float32</c>, float64 →
    /// <c>np.float64</c>, int32 → <c>np.int32</c>, int64 → <c>np.int64</c>), values in C order, exact.
    /// </summary>
    public NDArray ToNDArray()
    {
        NDArray flat = DType switch
        {
            NpyDType.Float32 => np.array(ToFloatArray()),
            NpyDType.Float64 => np.array((double[])Data.Clone()),
            NpyDType.Int32 => np.array(Array.ConvertAll(Data, v => (int)v)),
            NpyDType.Int64 => np.array(Array.ConvertAll(Data, v => (long)v)),
            _ => throw new InvalidOperationException($"dtype {DType} has no NDArray form."),
        };
        return flat.reshape(Shape);
    }

    /// <summary>
    /// Copies a NumSharp array (float32, float64, int32 or int64; C order whatever its strides) for
    /// <see cref="NpyWriter"/> and the comparisons.
    /// </summary>
    /// <exception cref="NotSupportedException">any other dtype (FIXTURES.md allows these four only).</exception>
    public static NpyArray FromNDArray(NDArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        int[] shape = array.shape.Select(d => checked((int)d)).ToArray();
        NDArray c = array.flatten();
        return array.typecode switch
        {
            NPTypeCode.Single => FromFloat32(c.ToArray<float>(), shape),
            NPTypeCode.Double => new NpyArray(shape, NpyDType.Float64, c.ToArray<double>()),
            NPTypeCode.Int32 => FromInt32(c.ToArray<int>(), shape),
            NPTypeCode.Int64 => FromInt64(c.ToArray<long>(), shape),
            var t => throw new NotSupportedException($"an NDArray of dtype {t} cannot be a fixture array; use float32, float64, int32 or int64."),
        };
    }

    public override string ToString() => $"NpyArray({DType.NumpyName()}, {ShapeUtil.Format(Shape)})";
}
