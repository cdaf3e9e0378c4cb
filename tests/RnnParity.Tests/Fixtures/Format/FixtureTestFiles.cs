using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;

namespace RnnParity.Tests.Fixtures.Format;

/// <summary>Paths to the committed fixtures, temp directories and hand-made .npy bytes.</summary>
internal static class FixtureTestFiles
{
    public const string TemplateCase = "seed_simple_rnn_last";

    public static string RepoRoot => RepoPaths.Root;

    public static string KerasFixtures => Path.Combine(RepoRoot, "fixtures", "keras");

    public static IEnumerable<string> CommittedCaseNames() =>
        RepoPaths.KerasCaseNames();

    /// <summary>Copies a committed case into <paramref name="parent"/> under <paramref name="name"/> (default: its own name).</summary>
    public static string CopyCase(string parent, string caseName = TemplateCase, string? name = null)
    {
        string src = Path.Combine(KerasFixtures, caseName);
        return TestFiles.CopyTree(src, Path.Combine(parent, name ?? caseName));
    }

    public static void EditJson(string file, Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        edit(node);
        File.WriteAllText(file, node.ToJsonString());
    }

    /// <summary>A .npy file with the given header text (padded as numpy pads) and raw data bytes.</summary>
    public static byte[] Npy(string header, ReadOnlySpan<byte> data, int major = 1)
    {
        int prefix = major == 1 ? 10 : 12;
        byte[] text = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetBytes(header);
        int hlen = text.Length + 1;
        int pad = 64 - (prefix + hlen) % 64;
        var b = new byte[prefix + hlen + pad + data.Length];
        byte[] magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, 0];
        magic.CopyTo(b, 0);
        if (major == 1) BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(8), (ushort)(hlen + pad));
        else BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(8), (uint)(hlen + pad));
        text.CopyTo(b, prefix);
        b.AsSpan(prefix + text.Length, pad).Fill((byte)' ');
        b[prefix + hlen + pad - 1] = (byte)'\n';
        data.CopyTo(b.AsSpan(prefix + hlen + pad));
        return b;
    }

    public static string Header(string descr, bool fortran, string shape) =>
        $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shape}, }}";
}

/// <summary>A fresh directory under the system temp folder, deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rnnparity-fmt-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
