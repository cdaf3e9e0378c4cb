using System.Buffers.Binary;
using System.Text;

namespace RnnParity.Fixtures.Format;

/// <summary>
/// Writes <c>.npy</c> files byte for byte as numpy 1.24's <c>np.save</c> does for a C-order,
/// little-endian array: version 1.0, the header dict with sorted keys, the spare space numpy leaves
/// for growing the first axis, padded with spaces and a final <c>'\n'</c> to a multiple of 64 bytes.
/// </summary>
public static class NpyWriter
{
    const int ArrayAlign = 64;
    const int GrowthAxisMaxDigits = 21; // numpy.lib.format.GROWTH_AXIS_MAX_DIGITS

    public static void Write(string path, NpyArray array)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var fs = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        Write(fs, array);
    }

    /// <summary>Writes a NumSharp array (float32, float64, int32 or int64) as <c>np.save</c> would.</summary>
    public static void Write(string path, NumSharp.NDArray array) => Write(path, NpyArray.FromNDArray(array));

    public static void Write(Stream stream, NpyArray array)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(ToBytes(array));
    }

    public static byte[] ToBytes(NpyArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        byte[] header = Header(array);
        int size = array.DType.ItemSize();
        var bytes = new byte[header.Length + (long)array.Length * size];
        header.CopyTo(bytes, 0);
        Span<byte> d = bytes.AsSpan(header.Length);
        for (int i = 0; i < array.Length; i++)
        {
            Span<byte> b = d.Slice(i * size, size);
            double v = array.Data[i];
            switch (array.DType)
            {
                case NpyDType.Float32: BinaryPrimitives.WriteSingleLittleEndian(b, (float)v); break;
                case NpyDType.Float64: BinaryPrimitives.WriteDoubleLittleEndian(b, v); break;
                case NpyDType.Int32: BinaryPrimitives.WriteInt32LittleEndian(b, ToInteger<int>(v, i)); break;
                case NpyDType.Int64: BinaryPrimitives.WriteInt64LittleEndian(b, ToInteger<long>(v, i)); break;
            }
        }
        return bytes;
    }

    static T ToInteger<T>(double v, int index) where T : System.Numerics.INumber<T>
    {
        if (double.IsFinite(v) && Math.Floor(v) == v)
        {
            try { return T.CreateChecked(v); } catch (OverflowException) { }
        }
        throw new ArgumentException($"element {index} ({v}) is not representable as {typeof(T).Name}.");
    }

    internal static byte[] Header(NpyArray array)
    {
        string shape = array.Shape.Length == 1 ? $"({array.Shape[0]},)" : $"({string.Join(", ", array.Shape)})";
        string dict = $"{{'descr': '{array.DType.Descr()}', 'fortran_order': False, 'shape': {shape}, }}";
        if (array.Shape.Length > 0) dict += new string(' ', GrowthAxisMaxDigits - array.Shape[0].ToString().Length);
        byte[] text = Encoding.Latin1.GetBytes(dict);
        int hlen = text.Length + 1;
        bool v1 = true;
        int prefix = 10;
        int padlen = ArrayAlign - ((prefix + hlen) % ArrayAlign);
        if (hlen + padlen > ushort.MaxValue)
        {
            v1 = false;
            prefix = 12;
            padlen = ArrayAlign - ((prefix + hlen) % ArrayAlign);
        }
        var result = new byte[prefix + hlen + padlen];
        byte[] magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)(v1 ? 1 : 2), 0];
        magic.CopyTo(result, 0);
        if (v1) BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(8), (ushort)(hlen + padlen));
        else BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(8), (uint)(hlen + padlen));
        text.CopyTo(result, prefix);
        result.AsSpan(prefix + text.Length, padlen).Fill((byte)' ');
        result[^1] = (byte)'\n';
        return result;
    }
}
