using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RnnParity.Benchmarks.Table;

/// <summary>What <c>benchmarks/bench_table.py</c> measured in one child process.</summary>
public sealed record NumpyPeerResult(
    string Setup, string Blas, double[] Load,
    IReadOnlyDictionary<(string Layer, string Size), (string Impl, PassTime Time)> Rows,
    IReadOnlyDictionary<(int M, int K, int N), PassTime> MatMul,
    IReadOnlyDictionary<string, PassTime> Cases);

/// <summary>The NumPy + OpenBLAS peer: one child process (the fastest NumPy setup found, see
/// <see cref="NumpyRunner.AvailableSetups"/>) for every row, roofline shape and whole-model case.</summary>
public static class NumpyPeer
{
    public static NumpyPeerResult Run(string python, string repo, IEnumerable<TableRow> rows, IEnumerable<GemmShape> shapes,
        IEnumerable<string> caseDirs, double budget, TimeSpan timeout)
    {
        NumpySetup setup = NumpyRunner.AvailableSetups().LastOrDefault()
            ?? new NumpySetup("system", null, null, "numpy's default BLAS");
        var spec = new JsonObject
        {
            ["rows"] = new JsonArray([.. rows.Select(r => (JsonNode)new JsonArray(r.Layer, r.Size, r.Batch, r.Timesteps, r.Input, r.Units))]),
            ["matmul"] = new JsonArray([.. shapes.Select(s => (JsonNode)new JsonArray(s.M, s.K, s.N))]),
            ["cases"] = new JsonArray([.. caseDirs.Select(c => (JsonNode)JsonValue.Create(c)!)]),
            ["budget"] = budget,
        };
        string stdout = NumpyRunner.RunScript(python, setup, [Path.Combine(repo, "benchmarks", "bench_table.py"), "--spec", spec.ToJsonString()], timeout);
        using JsonDocument doc = JsonDocument.Parse(stdout);
        JsonElement root = doc.RootElement;
        static PassTime Time(JsonElement e) => new(e.GetProperty("best").GetDouble(), e.GetProperty("median").GetDouble());

        var byRow = new Dictionary<(string, string), (string, PassTime)>();
        foreach (JsonElement r in root.GetProperty("rows").EnumerateArray())
        {
            // The faster of the two NumPy implementations is the peer.
            var best = r.GetProperty("timings").EnumerateObject().Select(p => (p.Name, Time: Time(p.Value))).MinBy(p => p.Time.BestSeconds);
            byRow[(r.GetProperty("layer").GetString()!, r.GetProperty("size").GetString()!)] = best;
        }
        var matmul = root.GetProperty("matmul").EnumerateArray().ToDictionary(
            m => (m.GetProperty("shape")[0].GetInt32(), m.GetProperty("shape")[1].GetInt32(), m.GetProperty("shape")[2].GetInt32()), Time);
        var cases = root.GetProperty("cases").EnumerateArray().ToDictionary(c => Path.GetFileName(c.GetProperty("case").GetString()!), Time);
        return new NumpyPeerResult($"{setup.Name}: {setup.Description}", root.GetProperty("blas").GetString() ?? "?",
            [.. root.GetProperty("load").EnumerateArray().Select(e => e.GetDouble())], byRow, matmul, cases);
    }

    internal static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
}
