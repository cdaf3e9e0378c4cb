using System.Buffers.Binary;
using RnnParity.Fixtures.Format;
using static RnnParity.Tests.Fixtures.Format.FixtureTestFiles;

namespace RnnParity.Tests.Fixtures.Format;

/// <summary>Hand-made big-endian and Fortran-order files (and format versions 2.0/3.0) read into the right C-order values.</summary>
public class NpyByteOrderAndLayoutTests
{
    static NpyArray ReadBytes(byte[] b) => NpyReader.Read(new MemoryStream(b), "hand.npy");

    [Test]
    public void Big_endian_float32_is_byte_swapped()
    {
        var data = new byte[24];
        for (int i = 0; i < 6; i++) BinaryPrimitives.WriteSingleBigEndian(data.AsSpan(i * 4), i + 0.5f);
        NpyArray a = ReadBytes(Npy(Header(">f4", false, "(2, 3)"), data));
        Assert.That(a.DType, Is.EqualTo(NpyDType.Float32));
        Assert.That(a.Data, Is.EqualTo(new[] { 0.5, 1.5, 2.5, 3.5, 4.5, 5.5 }));
    }

    [Test]
    public void Big_endian_int64_and_float64_are_byte_swapped()
    {
        var i8 = new byte[16];
        BinaryPrimitives.WriteInt64BigEndian(i8, -2);
        BinaryPrimitives.WriteInt64BigEndian(i8.AsSpan(8), 1L << 40);
        var f8 = new byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(f8, -0.125);
        Assert.That(ReadBytes(Npy(Header(">i8", false, "(2,)"), i8)).Data, Is.EqualTo(new[] { -2.0, 1099511627776.0 }));
        Assert.That(ReadBytes(Npy(Header(">f8", false, "(1,)"), f8)).Data, Is.EqualTo(new[] { -0.125 }));
    }

    [Test]
    public void Fortran_order_2d_is_transposed_into_c_order()
    {
        // C array [[1, 2, 3], [4, 5, 6]] stored column-major: 1 4 2 5 3 6.
        var data = new byte[24];
        int[] f = [1, 4, 2, 5, 3, 6];
        for (int i = 0; i < 6; i++) BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(i * 4), f[i]);
        NpyArray a = ReadBytes(Npy(Header("<i4", true, "(2, 3)"), data));
        Assert.That(a.Shape, Is.EqualTo(new[] { 2, 3 }));
        Assert.That(a.Data, Is.EqualTo(new[] { 1.0, 2, 3, 4, 5, 6 }));
    }

    [Test]
    public void Fortran_order_big_endian_3d_is_transposed_into_c_order()
    {
        // C value at [i, j, k] is 100i + 10j + k; column-major storage has i fastest.
        int[] shape = [2, 3, 4];
        var data = new byte[24 * 8];
        int n = 0;
        for (int k = 0; k < 4; k++)
            for (int j = 0; j < 3; j++)
                for (int i = 0; i < 2; i++)
                    BinaryPrimitives.WriteDoubleBigEndian(data.AsSpan(8 * n++), 100 * i + 10 * j + k);
        NpyArray a = ReadBytes(Npy(Header(">f8", true, "(2, 3, 4)"), data));
        var expected = new List<double>();
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 4; k++)
                    expected.Add(100 * i + 10 * j + k);
        Assert.That(a.Shape, Is.EqualTo(shape));
        Assert.That(a.Data, Is.EqualTo(expected));
    }

    [TestCase(2)]
    [TestCase(3)]
    public void Format_versions_2_and_3_are_read(int major)
    {
        var data = new byte[8];
        BinaryPrimitives.WriteSingleLittleEndian(data, 7f);
        BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4), -7f);
        NpyArray a = ReadBytes(Npy(Header("<f4", false, "(2,)"), data, major));
        Assert.That(a.Data, Is.EqualTo(new[] { 7.0, -7.0 }));
    }

    [Test]
    public void Header_with_double_quotes_and_other_key_order_is_read()
    {
        var data = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(data, 9);
        NpyArray a = ReadBytes(Npy("{\"shape\": (1,), \"fortran_order\": False, \"descr\": \"<i4\"}", data));
        Assert.That(a.Data, Is.EqualTo(new[] { 9.0 }));
    }

    [Test]
    public void Non_seekable_stream_is_read_with_the_same_checks()
    {
        byte[] good = NpyWriter.ToBytes(NpyArray.FromFloat32([1f, 2f], 2));
        Assert.That(NpyReader.Read(new NonSeekable(good), "ns.npy").Data, Is.EqualTo(new[] { 1.0, 2.0 }));
        var ex = Assert.Throws<NpyFormatException>(() => NpyReader.Read(new NonSeekable(good[..^1]), "ns.npy"));
        Assert.That(ex!.Field, Is.EqualTo("data"));
    }

    sealed class NonSeekable(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    }
}
