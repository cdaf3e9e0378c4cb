using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;
using RnnParity.Fixtures.Format;
using RnnParity.Python;

namespace RnnParity.Tests.Cli;

/// <summary>A fresh directory under the system temp folder, deleted on dispose.</summary>
public sealed class CliTempDir : IDisposable
{
    public CliTempDir(string label = "cli")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"rnnparity-{label}-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Sub(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Copies, edits and snapshots of fixture trees for the CLI tests.</summary>
public static partial class CliTestFiles
{

    /// <summary>Overwrites float32 elements (flat C-order indices) of a little-endian '&lt;f4' .npy file in place.</summary>
    public static void SetFloat32(string npyFile, IEnumerable<long> flatIndices, Func<float, float> change)
    {
        NpyHeader header = NpyReader.ReadHeader(npyFile);
        Assert.That(header.Descr, Is.EqualTo("<f4"), $"{npyFile} is not float32");
        byte[] bytes = File.ReadAllBytes(npyFile);
        foreach (long i in flatIndices)
        {
            Assert.That(i, Is.InRange(0, header.ElementCount - 1));
            var span = bytes.AsSpan((int)(header.DataOffset + 4 * i), 4);
            float v = BinaryPrimitives.ReadSingleLittleEndian(span);
            BinaryPrimitives.WriteSingleLittleEndian(span, change(v));
        }
        File.WriteAllBytes(npyFile, bytes);
    }

    /// <summary>Adds <paramref name="delta"/> to every element of every output file of a case.</summary>
    public static void ShiftAllOutputs(string caseDir, float delta)
    {
        foreach (string f in Directory.GetFiles(caseDir, "run*_out*.npy"))
        {
            long n = NpyReader.ReadHeader(f).ElementCount;
            SetFloat32(f, Enumerable.Range(0, (int)n).Select(i => (long)i), v => v + delta);
        }
    }

    [GeneratedRegex("\"created\": \"[^\"]*\"")]
    private static partial Regex CreatedStamp();

    /// <summary>
    /// A case directory's files and bytes; case.json's <c>provenance.created</c> time stamp is blanked,
    /// because two regenerations of the same case differ only there when they run in different seconds.
    /// </summary>
    public static SortedDictionary<string, byte[]> SnapshotCase(string caseDir)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (string f in Directory.GetFileSystemEntries(caseDir))
        {
            string name = Path.GetFileName(f);
            if (Directory.Exists(f)) { files[name + "/"] = []; continue; }
            byte[] bytes = File.ReadAllBytes(f);
            if (name == "case.json") bytes = Encoding.UTF8.GetBytes(CreatedStamp().Replace(Encoding.UTF8.GetString(bytes), "\"created\": \"*\""));
            files[name] = bytes;
        }
        return files;
    }

    /// <summary>Every case directory (not the temporary ones) of a folder of cases, by name.</summary>
    public static SortedDictionary<string, SortedDictionary<string, byte[]>> SnapshotTree(string folder) =>
        new(Directory.GetDirectories(folder).Where(d => !IsTmp(d)).ToDictionary(d => Path.GetFileName(d), SnapshotCase), StringComparer.Ordinal);

    public static bool IsTmp(string path) => Path.GetFileName(path).StartsWith(".rnnparity-tmp-", StringComparison.Ordinal);

    public static List<string> Leftovers(string folder) =>
        Directory.GetDirectories(folder).Where(IsTmp).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;

    public static bool SameCase(SortedDictionary<string, byte[]> a, SortedDictionary<string, byte[]> b) =>
        a.Keys.SequenceEqual(b.Keys) && a.All(kv => kv.Value.AsSpan().SequenceEqual(b[kv.Key]));

    /// <summary>The files in which two snapshots of a case differ (for messages).</summary>
    public static string Diff(SortedDictionary<string, byte[]> a, SortedDictionary<string, byte[]> b) =>
        string.Join(", ", a.Keys.Union(b.Keys).Order(StringComparer.Ordinal)
            .Where(k => !a.TryGetValue(k, out var x) || !b.TryGetValue(k, out var y) || !x.AsSpan().SequenceEqual(y)));
}

/// <summary>
/// Whether this machine has a Python with numpy for the CLI to embed (the CLI searches on its own; this
/// only decides whether a test can run). Without one the test is Inconclusive, or fails under
/// <c>RNNPARITY_REQUIRE_PYTHON=1</c>, like the tests in RnnParity.Tests.Python.
/// </summary>
public static class CliPython
{
    static readonly Lazy<(PythonLocation? Location, string? Why)> s_numpy = new(() =>
    {
        try { return (PythonLocator.Locate(["numpy"]), null); }
        catch (PythonUnavailableException e) { return (null, e.Message); }
    });

    public static PythonInterpreter RequireNumpy()
    {
        if (s_numpy.Value.Location is { } location) return location.Chosen;
        string why = s_numpy.Value.Why ?? "?";
        if (Environment.GetEnvironmentVariable("RNNPARITY_REQUIRE_PYTHON") == "1")
            Assert.Fail($"RNNPARITY_REQUIRE_PYTHON=1 but no Python with numpy is usable:{Environment.NewLine}{why}");
        Assert.Inconclusive(why);
        throw new InvalidOperationException("unreachable");
    }
}
