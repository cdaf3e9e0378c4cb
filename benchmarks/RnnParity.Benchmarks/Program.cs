using System.Globalization;
using System.Text;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using RnnParity.Benchmarks;

// Usage: dotnet run -c Release --project benchmarks/RnnParity.Benchmarks -- [our options] [BenchmarkDotNet options]
//   --numpy refblas,openblas,openblas-skx | all | none   NumPy setups to time first (default all available)
//   --python PATH        interpreter with numpy (default $RNNPARITY_PYTHON, else /usr/bin/python3)
//   --numpy-budget S     seconds per NumPy measurement (default 2), --numpy-repeat N (default 5)
//   --quick              Stopwatch pass only (for quick before/after while optimising)
//   --threads N          with --quick: RecurrentOptions.Threads of the layers (default 0, automatic)
//   --table              the peer table (RnnParity vs ONNX Runtime vs NumPy + OpenBLAS, FMA peak, roofline,
//                        whole models) instead of BenchmarkDotNet; --budget S seconds per tiny-row measurement
//                        (default 0.6), --out FILE (default BenchmarkDotNet.Artifacts/results/table.md),
//                        --wild DIR (default ../shared/wild-models beside the clone), --numpy none to skip NumPy,
//                        --numpy-timeout S (default 180: the NumPy child is stopped, its cells left empty)
// Everything else goes to BenchmarkDotNet (default --filter '*').
var ours = new Dictionary<string, string>(StringComparer.Ordinal);
var bdnArgs = new List<string>();
for (int i = 0; i < args.Length; i++)
{
    if (args[i] is "--threads" or "--budget" or "--out" or "--wild" or "--numpy-timeout" && i + 1 < args.Length) ours[args[i]] = args[++i];
    else if (args[i] is "--numpy" or "--python" or "--numpy-budget" or "--numpy-repeat" && i + 1 < args.Length) ours[args[i]] = args[++i];
    else bdnArgs.Add(args[i]);
}
if (!bdnArgs.Any(a => a is "--filter" or "-f" or "--list" or "--info" or "--help" or "-h")) bdnArgs.AddRange(["--filter", "*"]);

string repo = Repo.Root;
string python = ours.GetValueOrDefault("--python") ?? Environment.GetEnvironmentVariable("RNNPARITY_PYTHON") ?? "/usr/bin/python3";
string numpyChoice = ours.GetValueOrDefault("--numpy") ?? "all";
double budget = double.Parse(ours.GetValueOrDefault("--numpy-budget") ?? "2", CultureInfo.InvariantCulture);
int repeat = int.Parse(ours.GetValueOrDefault("--numpy-repeat") ?? "5", CultureInfo.InvariantCulture);

if (args.Contains("--table"))
{
    string wild = ours.GetValueOrDefault("--wild") ?? Path.GetFullPath(Path.Combine(repo, "..", "shared", "wild-models"));
    string md = RnnParity.Benchmarks.Table.PeerTable.Run(Console.Out, repo, python, Directory.Exists(wild) ? wild : null,
        double.Parse(ours.GetValueOrDefault("--budget") ?? "0.6", CultureInfo.InvariantCulture), numpy: numpyChoice != "none",
        numpyTimeout: TimeSpan.FromSeconds(double.Parse(ours.GetValueOrDefault("--numpy-timeout") ?? "180", CultureInfo.InvariantCulture)));
    string outFile = ours.GetValueOrDefault("--out") ?? Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts", "results", "table.md");
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outFile))!);
    File.WriteAllText(outFile, md);
    Console.WriteLine();
    Console.WriteLine(md);
    Console.WriteLine($"(written to {outFile})");
    return 0;
}

if (args.Contains("--quick"))
{
    QuickTimer.Run(Console.Out, threads: int.Parse(ours.GetValueOrDefault("--threads") ?? "0", CultureInfo.InvariantCulture));
    return 0;
}

Console.WriteLine($"Machine: {Environment.ProcessorCount} logical CPUs, {CpuModel()}; load before: {Load()}");
AllocationAudit.Print(Console.Out);

// 1. NumPy first, in child processes, so it never competes with BenchmarkDotNet's process.
var numpyRuns = new List<NumpyRun>();
if (numpyChoice != "none")
{
    var wanted = numpyChoice == "all" ? null : numpyChoice.Split(',').ToHashSet();
    foreach (NumpySetup setup in NumpyRunner.AvailableSetups().Where(s => wanted is null || wanted.Contains(s.Name)))
    {
        Console.WriteLine($"NumPy [{setup.Name}] {setup.Description}: timing with {python} ...");
        NumpyRun run = NumpyRunner.Run(python, Path.Combine(repo, "python", "bench_numpy.py"), setup, "small,medium,large", budget, repeat);
        Console.WriteLine($"  BLAS in use: {run.Blas}; load {string.Join(" ", run.Load.Select(l => l.ToString("F2", CultureInfo.InvariantCulture)))}");
        foreach (NumpyTiming t in run.Timings) Console.WriteLine($"  {t.Layer,-10} {t.Size,-7} {t.Impl,-9} {Ms(t.Seconds * 1e3)}");
        numpyRuns.Add(run);
    }
}

// 2. C#, BenchmarkDotNet. The default job is short enough for a 2-core machine; CLI --job overrides it.
IConfig config = DefaultConfig.Instance.AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(15).AsDefault());
Summary[] summaries = BenchmarkSwitcher.FromAssembly(typeof(LayerBenchmarks).Assembly).Run(bdnArgs.ToArray(), config).ToArray();

// 3. The table: C# mean and allocations beside every NumPy setup, and C# / NumPy.
var csharp = summaries.SelectMany(s => s.Reports)
    .Where(r => r.BenchmarkCase.Descriptor.Type == typeof(LayerBenchmarks) && r.ResultStatistics is not null)
    .ToDictionary(r => ((string)r.BenchmarkCase.Parameters["Layer"], (string)r.BenchmarkCase.Parameters["Size"]),
                  r => (MeanMs: r.ResultStatistics!.Mean / 1e6, Bytes: r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase)));
if (csharp.Count > 0)
{
    string table = RatioTable(csharp, numpyRuns);
    Console.WriteLine();
    Console.WriteLine(table);
    string outDir = Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts", "results");
    Directory.CreateDirectory(outDir);
    File.WriteAllText(Path.Combine(outDir, "ratios.md"), table);
    for (int i = 0; i < numpyRuns.Count; i++)
        File.WriteAllText(Path.Combine(outDir, $"numpy-{numpyRuns[i].Setup.Name}.json"), numpyRuns[i].RawJson);
    Console.WriteLine($"(written to {outDir}/ratios.md and numpy-*.json)");
}
return 0;

static string RatioTable(Dictionary<(string, string), (double MeanMs, long? Bytes)> csharp, List<NumpyRun> runs)
{
    var sb = new StringBuilder();
    sb.AppendLine($"Load after: {Load()}");
    foreach (NumpyRun r in runs) sb.AppendLine($"- NumPy `{r.Setup.Name}`: {r.Setup.Description}; threadpoolctl: {r.Blas}");
    sb.AppendLine();
    sb.AppendLine("NumPy cells: best-of-N ms for `numpy_reference` / Keras-numpy-backend style; ratio = C# mean / the faster of the two (below 1: C# faster).");
    sb.AppendLine();
    sb.Append("| Layer | Size | C# mean | C# alloc/call |");
    foreach (NumpyRun r in runs) sb.Append($" NumPy {r.Setup.Name} (ref / keras) | C#/{r.Setup.Name} |");
    sb.AppendLine();
    sb.Append("|---|---|---:|---:|");
    foreach (var _ in runs) sb.Append("---:|---:|");
    sb.AppendLine();
    string[] sizes = ["small", "medium", "large"], layers = ["SimpleRNN", "LSTM", "GRU"];
    foreach (string size in sizes)
        foreach (string layer in layers)
        {
            if (!csharp.TryGetValue((layer, size), out var c)) continue;
            sb.Append($"| {layer} | {size} | {Ms(c.MeanMs)} | {Bytes(c.Bytes)} |");
            foreach (NumpyRun r in runs)
            {
                double? Get(string impl) => r.Timings.FirstOrDefault(t => t.Layer == layer && t.Size == size && t.Impl == impl)?.Seconds * 1e3;
                double? refMs = Get("reference"), kerasMs = Get("keras");
                if (refMs is null || kerasMs is null) { sb.Append(" – | – |"); continue; }
                double best = System.Math.Min(refMs.Value, kerasMs.Value);
                sb.Append($" {Ms(refMs.Value)} / {Ms(kerasMs.Value)} | {(c.MeanMs / best).ToString("0.000", CultureInfo.InvariantCulture)} |");
            }
            sb.AppendLine();
        }
    return sb.ToString();
}

static string Ms(double ms) => ms >= 100 ? $"{ms:F1} ms" : ms >= 1 ? $"{ms:F2} ms" : $"{ms * 1e3:F1} µs";

static string Bytes(long? b) => b is null ? "?" : b >= 1 << 20 ? $"{b / 1048576.0:F2} MiB" : b >= 1024 ? $"{b / 1024.0:F1} KiB" : $"{b} B";

static string Load()
{
    try { return File.ReadAllText("/proc/loadavg").Split(' ').Take(3).Aggregate((a, b) => a + " " + b); }
    catch (IOException) { return "?"; }
}

static string CpuModel()
{
    try { return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() ?? "?"; }
    catch (IOException) { return "?"; }
}

