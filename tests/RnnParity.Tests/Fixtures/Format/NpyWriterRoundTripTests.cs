using RnnParity.Fixtures.Format;

namespace RnnParity.Tests.Fixtures.Format;

/// <summary>NpyWriter → NpyReader keeps every bit, special values included.</summary>
public class NpyWriterRoundTripTests
{
    static readonly float[] SpecialFloats =
    [
        0f, -0f, 1f, -1.5f, float.NaN, float.PositiveInfinity, float.NegativeInfinity,
        float.Epsilon, -float.Epsilon, 1.17549421e-38f /* largest subnormal */, float.MaxValue, float.MinValue, 3.14159274f,
    ];

    static readonly double[] SpecialDoubles =
    [
        0d, -0d, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -double.Epsilon,
        2.2250738585072009e-308 /* subnormal */, double.MaxValue, Math.PI, 1e-300, -7.25,
    ];

    [Test]
    public void Float32_round_trips_bit_exactly()
    {
        using var tmp = new TempDir();
        string path = Path.Combine(tmp.Path, "f.npy");
        NpyWriter.Write(path, NpyArray.FromFloat32(SpecialFloats, 13));
        NpyArray back = NpyReader.Read(path);
        Assert.That(back.DType, Is.EqualTo(NpyDType.Float32));
        Assert.That(back.Shape, Is.EqualTo(new[] { 13 }));
        Assert.That(back.ToFloatArray().Select(BitConverter.SingleToInt32Bits), Is.EqualTo(SpecialFloats.Select(BitConverter.SingleToInt32Bits)));
    }

    [Test]
    public void Float64_round_trips_bit_exactly_in_3d()
    {
        using var tmp = new TempDir();
        string path = Path.Combine(tmp.Path, "d.npy");
        NpyWriter.Write(path, NpyArray.FromFloat64(SpecialDoubles, 2, 3, 2));
        NpyArray back = NpyReader.Read(path);
        Assert.That(back.DType, Is.EqualTo(NpyDType.Float64));
        Assert.That(back.Shape, Is.EqualTo(new[] { 2, 3, 2 }));
        Assert.That(back.Data.Select(BitConverter.DoubleToInt64Bits), Is.EqualTo(SpecialDoubles.Select(BitConverter.DoubleToInt64Bits)));
    }

    [Test]
    public void Integers_round_trip()
    {
        int[] ints = [int.MinValue, -1, 0, 1, int.MaxValue, 42];
        long[] longs = [-(1L << 53), -1, 0, 1L << 53, 123456789012];
        NpyArray i4 = NpyReader.Read(new MemoryStream(NpyWriter.ToBytes(NpyArray.FromInt32(ints, 2, 3))), "i4.npy");
        NpyArray i8 = NpyReader.Read(new MemoryStream(NpyWriter.ToBytes(NpyArray.FromInt64(longs, 5))), "i8.npy");
        Assert.That(i4.DType, Is.EqualTo(NpyDType.Int32));
        Assert.That(i4.Data, Is.EqualTo(ints.Select(v => (double)v)));
        Assert.That(i8.DType, Is.EqualTo(NpyDType.Int64));
        Assert.That(i8.Data, Is.EqualTo(longs.Select(v => (double)v)));
    }

    [Test]
    public void Scalar_and_empty_arrays_round_trip()
    {
        NpyArray scalar = NpyReader.Read(new MemoryStream(NpyWriter.ToBytes(NpyArray.FromFloat32([2.5f]))), "s.npy");
        NpyArray empty = NpyReader.Read(new MemoryStream(NpyWriter.ToBytes(NpyArray.FromFloat32([], 0, 3))), "e.npy");
        Assert.That(scalar.Shape, Is.Empty);
        Assert.That(scalar.Data, Is.EqualTo(new[] { 2.5 }));
        Assert.That(empty.Shape, Is.EqualTo(new[] { 0, 3 }));
        Assert.That(empty.Data, Is.Empty);
    }

    [Test]
    public void Header_is_padded_to_64_bytes_and_ends_with_newline()
    {
        byte[] b = NpyWriter.ToBytes(NpyArray.FromFloat32(new float[6], 2, 3));
        int headerEnd = b.Length - 24;
        Assert.That(headerEnd % 64, Is.EqualTo(0));
        Assert.That(b[headerEnd - 1], Is.EqualTo((byte)'\n'));
        Assert.That(System.Text.Encoding.Latin1.GetString(b, 10, 59), Is.EqualTo("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"));
    }

    [Test]
    public void Writing_a_fraction_as_int32_is_refused() =>
        Assert.That(() => NpyWriter.ToBytes(new NpyArray([1], NpyDType.Int32, [0.5])), Throws.ArgumentException);
}
