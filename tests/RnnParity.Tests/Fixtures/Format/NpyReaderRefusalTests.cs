using System.Diagnostics;
using System.Text;
using RnnParity.Fixtures.Format;
using static RnnParity.Tests.Fixtures.Format.FixtureTestFiles;

namespace RnnParity.Tests.Fixtures.Format;

/// <summary>NpyReader refuses every bad file with the header field at fault, and never allocates for a size the file does not hold.</summary>
public class NpyReaderRefusalTests
{
    static readonly byte[] Four = new byte[4];

    static IEnumerable<TestCaseData> Bad()
    {
        TestCaseData C(string name, byte[] bytes, string field, string detailPart) =>
            new TestCaseData(bytes, field, detailPart).SetName("Refuses_" + name);

        byte[] good = NpyWriter.ToBytes(NpyArray.FromFloat32([1f, 2f, 3f], 3));
        yield return C("empty_file", [], "magic", "empty");
        yield return C("bad_magic", Encoding.ASCII.GetBytes("PK\x03\x04 not numpy at all, a zip file"), "magic", "magic");
        yield return C("short_magic", good[..4], "magic", "truncated");
        yield return C("version_9", Patch(good, 6, 9), "version", "9.0");
        yield return C("truncated_header_length", good[..9], "header_len", "truncated");
        yield return C("header_length_beyond_file", good[..40], "header_len", "exceeds");
        yield return C("header_not_a_dict", Npy("['descr', '<f4']", Four), "header", "dict");
        yield return C("header_garbage", Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), __import__('os')}", Four), "header", "expected");
        yield return C("header_extra_key", Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': 1}", Four), "header", "'x'");
        yield return C("header_duplicate_key", Npy("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (1,)}", Four), "header", "twice");
        yield return C("missing_descr", Npy("{'fortran_order': False, 'shape': (1,)}", Four), "descr", "missing");
        yield return C("missing_fortran_order", Npy("{'descr': '<f4', 'shape': (1,)}", Four), "fortran_order", "missing");
        yield return C("missing_shape", Npy("{'descr': '<f4', 'fortran_order': False}", Four), "shape", "missing");
        yield return C("object_dtype", Npy(Header("|O", false, "(1,)"), Encoding.Latin1.GetBytes("\x80\x04\x95cos\nsystem\n.")), "descr", "pickle");
        yield return C("structured_dtype", Npy("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }", Four), "descr", "structured");
        yield return C("float16", Npy(Header("<f2", false, "(2,)"), Four), "descr", "'<f2'");
        yield return C("unicode_dtype", Npy(Header("<U1", false, "(1,)"), Four), "descr", "'<U1'");
        yield return C("pipe_f4", Npy(Header("|f4", false, "(1,)"), Four), "descr", "'|'");
        yield return C("fortran_order_not_bool", Npy("{'descr': '<f4', 'fortran_order': 0, 'shape': (1,), }", Four), "fortran_order", "True or False");
        yield return C("shape_list", Npy("{'descr': '<f4', 'fortran_order': False, 'shape': [1], }", Four), "shape", "tuple");
        yield return C("shape_not_int", Npy(Header("<f4", false, "(1.5,)"), Four), "header", "integer");
        yield return C("negative_dimension", Npy(Header("<f4", false, "(-1, 3)"), Four), "shape", "negative");
        yield return C("overflowing_dimension", Npy(Header("<f4", false, "(1180591620717411303424, 1)"), Four), "shape", "above the largest");
        yield return C("overflowing_product", Npy(Header("<f4", false, "(2147483647, 2147483647, 2147483647)"), Four), "shape", "limit");
        yield return C("huge_dims_tiny_file", Npy(Header("<f8", false, "(100000, 100000)"), Four), "shape", "limit");
        yield return C("declared_more_than_present", Npy(Header("<f8", false, "(4000, 4000)"), Four), "data", "needs 128000000 bytes");
        yield return C("truncated_data", good[..^2], "data", "needs 12 bytes");
        yield return C("trailing_bytes", [.. good, 0, 0, 0, 0], "data", "trailing");
    }

    static byte[] Patch(byte[] b, int at, byte v)
    {
        var c = (byte[])b.Clone();
        c[at] = v;
        return c;
    }

    [TestCaseSource(nameof(Bad))]
    public void Bad_file(byte[] bytes, string field, string detailPart)
    {
        var ex = Assert.Throws<NpyFormatException>(() => NpyReader.Read(new MemoryStream(bytes), "bad.npy"));
        Assert.That(ex!.Field, Is.EqualTo(field));
        Assert.That(ex.File, Is.EqualTo("bad.npy"));
        Assert.That(ex.Message, Does.StartWith($"bad.npy: field '{field}': "));
        Assert.That(ex.Detail, Does.Contain(detailPart));
    }

    [Test]
    public void Huge_declared_shape_in_a_tiny_file_allocates_almost_nothing()
    {
        // 60 Mi float64 elements would be 480 MiB; the file holds 4 bytes.
        byte[] bytes = Npy(Header("<f8", false, "(60, 1048576)"), Four);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<NpyFormatException>(() => NpyReader.Read(new MemoryStream(bytes), "big.npy"));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.LessThan(1 << 20));
    }

    [Test]
    public void Element_limit_is_configurable()
    {
        byte[] bytes = NpyWriter.ToBytes(NpyArray.FromFloat32(new float[100], 10, 10));
        var ex = Assert.Throws<NpyFormatException>(() => NpyReader.Read(new MemoryStream(bytes), "x.npy", new NpyReadOptions { MaxElements = 99 }));
        Assert.That(ex!.Field, Is.EqualTo("shape"));
        Assert.That(NpyReader.Read(new MemoryStream(bytes), "x.npy", new NpyReadOptions { MaxElements = 100 }).Length, Is.EqualTo(100));
    }

    [Test]
    public void Missing_file_and_directory_are_refused_as_file_errors()
    {
        using var tmp = new TempDir();
        var missing = Assert.Throws<NpyFormatException>(() => NpyReader.Read(Path.Combine(tmp.Path, "none.npy")));
        var dir = Assert.Throws<NpyFormatException>(() => NpyReader.Read(tmp.Path));
        Assert.That(missing!.Field, Is.EqualTo("file"));
        Assert.That(missing.File, Is.EqualTo("none.npy"));
        Assert.That(dir!.Field, Is.EqualTo("file"));
    }
}
