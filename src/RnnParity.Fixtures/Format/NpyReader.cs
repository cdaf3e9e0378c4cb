using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using RnnParity.Core.Tensors;

namespace RnnParity.Fixtures.Format;

/// <summary>Limits that keep a small hostile file from making the reader allocate much.</summary>
public sealed record NpyReadOptions
{
    /// <summary>64 Mi elements (512 MiB as double): far above any fixture, far below trouble.</summary>
    public const long DefaultMaxElements = 64L * 1024 * 1024;

    /// <summary>numpy itself refuses headers above 10 000 bytes unless told otherwise.</summary>
    public const int DefaultMaxHeaderBytes = 64 * 1024;

    public static NpyReadOptions Default { get; } = new();

    public long MaxElements { get; init; } = DefaultMaxElements;
    public int MaxHeaderBytes { get; init; } = DefaultMaxHeaderBytes;

    /// <summary>Most dimensions accepted (numpy 2 allows 64).</summary>
    public int MaxRank { get; init; } = 64;
}

/// <summary>What a .npy header declares, checked against the file's size.</summary>
public sealed record NpyHeader(int MajorVersion, int MinorVersion, NpyDType DType, bool BigEndian, bool FortranOrder, int[] Shape, long ElementCount, long DataOffset)
{
    public long DataBytes => ElementCount * DType.ItemSize();

    public string Descr => (BigEndian ? ">" : "<") + DType.Descr()[1..];
}

/// <summary>
/// Reads NumPy <c>.npy</c> files (format versions 1.0, 2.0 and 3.0) strictly: numeric dtypes
/// float32/float64/int32/int64 only, either byte order (big-endian is byte-swapped), C or Fortran
/// order (Fortran is transposed into C order), no pickles, no trailing bytes. Sizes are checked
/// against the limits in <see cref="NpyReadOptions"/> and against the bytes actually present
/// before anything proportional to the declared shape is allocated.
/// Every fault throws <see cref="NpyFormatException"/> naming the file and the header field.
/// </summary>
/// <remarks>Format: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html</remarks>
public static class NpyReader
{
    static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public const string SupportedDTypes = "'<f4', '<f8', '<i4' or '<i8' (float32, float64, int32, int64; '>' for big-endian)";

    public static NpyArray Read(string path, NpyReadOptions? options = null)
    {
        string display = Path.GetFileName(path);
        using FileStream fs = Open(path, display);
        return Read(fs, display, options);
    }

    /// <summary><see cref="Read(string, NpyReadOptions?)"/> as a NumSharp array of the file's shape and dtype (<see cref="NpyArray.ToNDArray"/>).</summary>
    /// <exception cref="NpyFormatException">as <see cref="Read(string, NpyReadOptions?)"/>: the message names the file and the header field.</exception>
    public static NumSharp.NDArray ReadNDArray(string path, NpyReadOptions? options = null) => Read(path, options).ToNDArray();

    public static NpyArray Read(Stream stream, string displayName, NpyReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= NpyReadOptions.Default;
        using var owned = stream.CanSeek ? null : Buffer(stream, displayName, options);
        Stream s = owned ?? stream;
        NpyHeader h = ReadHeaderCore(s, displayName, options);
        double[] data = ReadData(s, displayName, h);
        if (h.FortranOrder) data = FortranToC(data, h.Shape);
        return new NpyArray(h.Shape, h.DType, data);
    }

    /// <summary>Reads and validates the header and checks that exactly the declared data follows,
    /// without reading the data.</summary>
    public static NpyHeader ReadHeader(string path, NpyReadOptions? options = null)
    {
        string display = Path.GetFileName(path);
        using FileStream fs = Open(path, display);
        return ReadHeader(fs, display, options);
    }

    public static NpyHeader ReadHeader(Stream stream, string displayName, NpyReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= NpyReadOptions.Default;
        using var owned = stream.CanSeek ? null : Buffer(stream, displayName, options);
        return ReadHeaderCore(owned ?? stream, displayName, options);
    }

    static FileStream Open(string path, string display)
    {
        try
        {
            if (Directory.Exists(path)) throw new NpyFormatException(display, "file", "is a directory, expected a .npy file");
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new NpyFormatException(display, "file", $"cannot open: {e.Message}", e);
        }
    }

    /// <summary>A non-seekable stream is copied, but only as far as the limits allow, so the copy
    /// grows with the bytes really present, never with what a header claims.</summary>
    static MemoryStream Buffer(Stream stream, string name, NpyReadOptions o)
    {
        long cap = 12L + o.MaxHeaderBytes + o.MaxElements * 8 + 1;
        var ms = new MemoryStream();
        var buf = new byte[81920];
        try
        {
            int n;
            while ((n = stream.Read(buf, 0, buf.Length)) > 0)
            {
                ms.Write(buf, 0, n);
                if (ms.Length > cap) throw new NpyFormatException(name, "data", $"stream is longer than the largest array allowed ({o.MaxElements} elements)");
            }
        }
        catch (IOException e)
        {
            throw new NpyFormatException(name, "file", $"cannot read: {e.Message}", e);
        }
        ms.Position = 0;
        return ms;
    }

    static int ReadAtMost(Stream s, Span<byte> buffer, string name)
    {
        try
        {
            return s.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (IOException e)
        {
            throw new NpyFormatException(name, "file", $"cannot read: {e.Message}", e);
        }
    }

    static NpyHeader ReadHeaderCore(Stream s, string name, NpyReadOptions o)
    {
        NpyFormatException E(string field, string detail) => new(name, field, detail);

        long start = s.Position;
        Span<byte> pre = stackalloc byte[8];
        int got = ReadAtMost(s, pre, name);
        if (got == 0) throw E("magic", "the file is empty (0 bytes); expected a .npy file starting with \\x93NUMPY");
        int cmp = Math.Min(got, 6);
        if (!pre[..cmp].SequenceEqual(Magic[..cmp]))
            throw E("magic", $"expected the .npy magic string \\x93NUMPY, got {Hex(pre[..cmp])}; this is not a .npy file");
        if (got < 8) throw E(got < 6 ? "magic" : "version", $"truncated: the file ends after {got} bytes, inside the 8-byte magic string and version");

        int major = pre[6], minor = pre[7];
        if (!(minor == 0 && major is 1 or 2 or 3))
            throw E("version", $"unsupported .npy format version {major}.{minor}; expected 1.0, 2.0 or 3.0");

        int lenSize = major == 1 ? 2 : 4;
        Span<byte> lenBytes = stackalloc byte[4];
        got = ReadAtMost(s, lenBytes[..lenSize], name);
        if (got < lenSize) throw E("header_len", $"truncated: the file ends inside the {lenSize}-byte header length");
        long hlen = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(lenBytes) : BinaryPrimitives.ReadUInt32LittleEndian(lenBytes);
        if (hlen > o.MaxHeaderBytes)
            throw E("header_len", $"header length {hlen} is above the limit of {o.MaxHeaderBytes} bytes");
        long left = s.Length - s.Position;
        if (hlen > left)
            throw E("header_len", $"header length {hlen} exceeds the {left} bytes left in the file (truncated file)");

        var hb = new byte[hlen];
        if (ReadAtMost(s, hb, name) < hlen) throw E("header", "truncated: the file ends inside the header");

        string text;
        try
        {
            text = major == 3 ? new UTF8Encoding(false, true).GetString(hb) : Encoding.Latin1.GetString(hb);
        }
        catch (DecoderFallbackException)
        {
            throw E("header", "a version 3.0 header is not valid UTF-8");
        }

        object parsed;
        try
        {
            parsed = PyLiteralParser.Parse(text);
        }
        catch (FormatException fe)
        {
            throw E("header", $"expected a Python dict literal like {{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}: {fe.Message}; header was {PyLiteralParser.Describe(text.TrimEnd())}");
        }
        if (parsed is not PyLiteralParser.PyDict dict)
            throw E("header", $"expected a Python dict literal, got {PyLiteralParser.Describe(text)}");

        object? descrV = null, fortranV = null, shapeV = null;
        foreach (var (k, v) in dict.Items)
        {
            switch (k)
            {
                case "descr" when descrV is null: descrV = v; break;
                case "fortran_order" when fortranV is null: fortranV = v; break;
                case "shape" when shapeV is null: shapeV = v; break;
                case "descr" or "fortran_order" or "shape": throw E("header", $"key '{k}' appears twice");
                default: throw E("header", $"unexpected key {Show(k)}; expected exactly 'descr', 'fortran_order' and 'shape'");
            }
        }
        if (descrV is null) throw E("descr", "missing from the header; expected a dtype string such as '<f4'");
        if (fortranV is null) throw E("fortran_order", "missing from the header; expected True or False");
        if (shapeV is null) throw E("shape", "missing from the header; expected a tuple of non-negative integers");

        (NpyDType dtype, bool big) = ParseDescr(descrV, E);

        if (fortranV is not bool fortran) throw E("fortran_order", $"expected True or False, got {Show(fortranV)}");

        if (shapeV is not PyLiteralParser.PyTuple tuple) throw E("shape", $"expected a tuple of non-negative integers, got {Show(shapeV)}");
        if (tuple.Items.Count > o.MaxRank) throw E("shape", $"{tuple.Items.Count} dimensions, above the limit of {o.MaxRank}");
        var shape = new int[tuple.Items.Count];
        BigInteger count = BigInteger.One;
        for (int i = 0; i < shape.Length; i++)
        {
            if (tuple.Items[i] is not BigInteger d) throw E("shape", $"dimension {i} is {Show(tuple.Items[i])}, expected a non-negative integer");
            if (d.Sign < 0) throw E("shape", $"dimension {i} is negative ({d}); expected a non-negative integer");
            if (d > int.MaxValue) throw E("shape", $"dimension {i} is {d}, above the largest supported dimension {int.MaxValue}");
            shape[i] = (int)d;
            count *= d;
        }
        string shapeText = ShapeUtil.Format(shape);
        if (count > o.MaxElements)
            throw E("shape", $"shape {shapeText} has {count} elements, above the limit of {o.MaxElements} (NpyReadOptions.MaxElements)");
        long elements = (long)count;
        long nbytes = elements * dtype.ItemSize();
        long dataOffset = s.Position - start;
        long remaining = s.Length - s.Position;
        string descr = (big ? ">" : "<") + dtype.Descr()[1..];
        if (nbytes > remaining)
            throw E("data", $"shape {shapeText} of dtype '{descr}' needs {nbytes} bytes of data but only {remaining} follow the header (truncated file or wrong shape)");
        if (nbytes < remaining)
            throw E("data", $"{remaining - nbytes} unexpected trailing bytes after the {nbytes} bytes that shape {shapeText} of dtype '{descr}' needs");
        return new NpyHeader(major, minor, dtype, big, fortran, shape, elements, dataOffset);
    }

    static (NpyDType, bool) ParseDescr(object v, Func<string, string, NpyFormatException> E)
    {
        if (v is PyLiteralParser.PyList)
            throw E("descr", $"structured dtypes are not supported; expected {SupportedDTypes}");
        if (v is not string d) throw E("descr", $"expected a dtype string such as '<f4', got {Show(v)}");
        if (d.Length >= 2 && d[0] is '<' or '>' or '|' or '=' && d[1] == 'O' || d == "O")
            throw E("descr", $"object arrays ('{d}') are not allowed: reading them needs pickle; expected {SupportedDTypes}");
        if (d.Length == 3 && d[0] is '<' or '>' or '=' or '|')
        {
            NpyDType? t = d[1..] switch
            {
                "f4" => NpyDType.Float32,
                "f8" => NpyDType.Float64,
                "i4" => NpyDType.Int32,
                "i8" => NpyDType.Int64,
                _ => null,
            };
            if (t is NpyDType dt)
            {
                if (d[0] == '|')
                    throw E("descr", $"byte order '|' (not applicable) is invalid for the multi-byte dtype '{d}'; expected {SupportedDTypes}");
                bool big = d[0] == '>' || (d[0] == '=' && !BitConverter.IsLittleEndian);
                return (dt, big);
            }
        }
        throw E("descr", $"unsupported dtype {Show(d)}; expected {SupportedDTypes}");
    }

    static double[] ReadData(Stream s, string name, NpyHeader h)
    {
        int size = h.DType.ItemSize();
        var data = new double[h.ElementCount];
        var buf = new byte[(int)Math.Min(Math.Max(h.DataBytes, 1), 1 << 16)];
        long done = 0;
        while (done < h.ElementCount)
        {
            int n = (int)Math.Min(buf.Length / size, h.ElementCount - done);
            Span<byte> chunk = buf.AsSpan(0, n * size);
            if (ReadAtMost(s, chunk, name) < chunk.Length)
                throw new NpyFormatException(name, "data", "truncated: the file ended while reading the data");
            for (int i = 0; i < n; i++)
            {
                ReadOnlySpan<byte> b = chunk.Slice(i * size, size);
                data[done + i] = (h.DType, h.BigEndian) switch
                {
                    (NpyDType.Float32, false) => BinaryPrimitives.ReadSingleLittleEndian(b),
                    (NpyDType.Float32, true) => BinaryPrimitives.ReadSingleBigEndian(b),
                    (NpyDType.Float64, false) => BinaryPrimitives.ReadDoubleLittleEndian(b),
                    (NpyDType.Float64, true) => BinaryPrimitives.ReadDoubleBigEndian(b),
                    (NpyDType.Int32, false) => BinaryPrimitives.ReadInt32LittleEndian(b),
                    (NpyDType.Int32, true) => BinaryPrimitives.ReadInt32BigEndian(b),
                    (NpyDType.Int64, false) => BinaryPrimitives.ReadInt64LittleEndian(b),
                    (NpyDType.Int64, true) => BinaryPrimitives.ReadInt64BigEndian(b),
                    _ => throw new InvalidOperationException(),
                };
            }
            done += n;
        }
        return data;
    }

    /// <summary>Reorders column-major (first axis fastest) data into row-major order.</summary>
    internal static double[] FortranToC(double[] f, int[] shape)
    {
        int r = shape.Length;
        if (r <= 1 || f.Length == 0) return f;
        var cStride = new long[r];
        cStride[r - 1] = 1;
        for (int i = r - 2; i >= 0; i--) cStride[i] = cStride[i + 1] * shape[i + 1];
        var c = new double[f.Length];
        var idx = new int[r];
        long cOff = 0;
        for (long k = 0; k < f.Length; k++)
        {
            c[cOff] = f[k];
            for (int a = 0; a < r; a++)
            {
                idx[a]++;
                cOff += cStride[a];
                if (idx[a] < shape[a]) break;
                cOff -= cStride[a] * shape[a];
                idx[a] = 0;
            }
        }
        return c;
    }

    static string Show(object? v) => v switch
    {
        string s => PyLiteralParser.Describe(s),
        bool b => b ? "True" : "False",
        BigInteger i => i.ToString(),
        PyLiteralParser.PyTuple => "a tuple",
        PyLiteralParser.PyList => "a list",
        PyLiteralParser.PyDict => "a dict",
        _ => "None",
    };

    static string Hex(ReadOnlySpan<byte> b)
    {
        var sb = new StringBuilder("'");
        foreach (byte x in b)
            sb.Append(x >= 0x20 && x < 0x7f && x != '\'' && x != '\\' ? ((char)x).ToString() : $"\\x{x:x2}");
        return sb.Append('\'').ToString();
    }
}
