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
        string stdout, problem = "";
        try { stdout = NumpyRunner.RunScript(python, setup, [Path.Combine(repo, "benchmarks", "bench_table.py"), "--spec", spec.ToJsonString()], timeout); }
        catch (ChildTimeoutException e) { stdout = e.PartialOutput; problem = $" ({e.Message}: cells it had not reached are empty)"; }

        string blas = "?";
        var load = new List<double>();
        var byRow = new Dictionary<(string, string), (string, PassTime)>();
        var matmul = new Dictionary<(int, int, int), PassTime>();
        var cases = new Dictionary<string, PassTime>();
        static PassTime Time(JsonElement e) => new(e.GetProperty("best").GetDouble(), e.GetProperty("median").GetDouble());
        foreach (string line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            using JsonDocument doc = JsonDocument.Parse(line);
            JsonElement r = doc.RootElement;
            switch (r.GetProperty("kind").GetString())
            {
                case "info": blas = r.GetProperty("blas").GetString() ?? "?"; goto case "done";
                case "done": load.AddRange(r.GetProperty("load").EnumerateArray().Select(e => e.GetDouble())); break;
                case "matmul":
                    JsonElement s = r.GetProperty("shape");
                    matmul[(s[0].GetInt32(), s[1].GetInt32(), s[2].GetInt32())] = Time(r);
                    break;
                case "case": cases[Path.GetFileName(r.GetProperty("case").GetString()!)] = Time(r); break;
                case "row":
                    // The faster of the NumPy implementations timed is the peer.
                    var best = r.GetProperty("timings").EnumerateObject().Select(p => (p.Name, Time: Time(p.Value))).MinBy(p => p.Time.BestSeconds);
                    byRow[(r.GetProperty("layer").GetString()!, r.GetProperty("size").GetString()!)] = best;
                    break;
            }
        }
        return new NumpyPeerResult($"{setup.Name}: {setup.Description}{problem}", blas, [.. load], byRow, matmul, cases);
    }
}
