using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics.X86;
using System.Text;

namespace RnnParity.Benchmarks.Table;

/// <summary>
/// <c>--table</c>: RnnParity against ONNX Runtime and NumPy + OpenBLAS on the issue's nine rows, the
/// FMA peak, the GEMM roofline of the large rows and three whole published models, in one run; the
/// markdown is printed and written to a file.
/// </summary>
public static class PeerTable
{
    /// <param name="budget">seconds per measurement of a tiny row; typical rows get 2×, large ones 3×.</param>
    /// <param name="numpyTimeout">the NumPy child is stopped after this long (its Python loops slow down most under load).</param>
    public static string Run(TextWriter log, string repo, string python, string? wildModels, double budget, bool numpy, TimeSpan numpyTimeout)
    {
        var clock = Stopwatch.StartNew();
        string loadBefore = Load();
        log.WriteLine($"load before: {loadBefore}");

        IReadOnlyList<FmaPeakResult> peaks = FmaPeak.Measure();
        foreach (var p in peaks) log.WriteLine($"FMA peak {p.Bits}-bit, {p.Threads} thread(s): {p.Gflops:F1} GFLOP/s");
        double peak = peaks.Count == 0 ? double.NaN : peaks.Max(p => p.Gflops);

        var rows = new List<RowTimes>();
        foreach (TableRow row in TableRow.All)
        {
            double b = budget * (row.Size switch { "tiny" => 1, "typical" => 2, _ => 3 });
            RowTimes t = RecurrentRowTimer.Run(row, b);
            rows.Add(t);
            log.WriteLine($"{row.Layer,-9} {row.Size,-7} ours auto {Ms(t.OursAuto)} / 1t {Ms(t.Ours1)}  ORT 2t {Ms(t.Ort2)} / 1t {Ms(t.Ort1)}  err {t.OrtMaxAbsError:G3} {t.OrtProblem}");
        }

        IReadOnlyList<GemmShape> shapes = GemmShape.OfLargeRows(TableRow.All);
        var gemms = new List<GemmTimes>();
        foreach (GemmShape s in shapes)
        {
            GemmTimes g = Roofline.Run(s, budget);
            gemms.Add(g);
            log.WriteLine($"{s.Name,-32} {s.Text,-22} ours {Gf(s.Flops, g.Ours)}  ORT 2t {Gf(s.Flops, g.Ort2)} / 1t {Gf(s.Flops, g.Ort1)} GFLOP/s {g.OrtProblem}");
        }

        var models = new List<ModelTimes>();
        var modelProblems = new List<string>();
        List<string> caseDirs = wildModels is null ? [] : [.. WholeModels.Cases.Select(c => Path.Combine(wildModels, c)).Where(Directory.Exists)];
        if (wildModels is null || caseDirs.Count == 0) modelProblems.Add($"no wild models found ({wildModels ?? "folder not given"})");
        foreach (string dir in caseDirs)
        {
            try
            {
                ModelTimes m = WholeModels.Run(dir, budget * 2);
                models.Add(m);
                log.WriteLine($"{m.Case,-32} load {m.LoadSeconds * 1e3:F0} ms, predict {Ms(m.Predict)}, max abs err {m.MaxAbsError:G3}");
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                modelProblems.Add($"{Path.GetFileName(dir)}: {e.GetType().Name}: {e.Message}");
            }
        }

        NumpyPeerResult? np = null;
        string? numpyProblem = numpy ? null : "NumPy not run (--numpy none)";
        if (numpy)
        {
            log.WriteLine($"NumPy peer: {python} benchmarks/bench_table.py ...");
            try { np = NumpyPeer.Run(python, repo, TableRow.All, shapes, models.Select(m => caseDirs.First(d => d.EndsWith(m.Case, StringComparison.Ordinal))), budget * 2, numpyTimeout); }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception or System.Text.Json.JsonException)
            {
                numpyProblem = $"NumPy not run: {e.Message}";
            }
        }

        // Measured again at the end and the better kept: on a shared machine one measurement can miss
        // every quiet moment, and a peak measured low makes every share wrong.
        peaks = [.. peaks.Zip(FmaPeak.Measure(), (a, b) => a.Gflops >= b.Gflops ? a : b)];
        foreach (var p in peaks) log.WriteLine($"FMA peak {p.Bits}-bit, {p.Threads} thread(s), best of start and end: {p.Gflops:F1} GFLOP/s");
        peak = peaks.Count == 0 ? double.NaN : peaks.Max(p => p.Gflops);

        string md = Markdown(peaks, peak, rows, gemms, models, modelProblems, np, numpyProblem, loadBefore, Load(), clock.Elapsed);
        return md;
    }

    static string Markdown(IReadOnlyList<FmaPeakResult> peaks, double peak, List<RowTimes> rows, List<GemmTimes> gemms,
        List<ModelTimes> models, List<string> modelProblems, NumpyPeerResult? np, string? numpyProblem, string loadBefore, string loadAfter, TimeSpan took)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {took.TotalSeconds:F0} s; {Environment.ProcessorCount} logical CPUs, {CpuModel()}, " +
                      $"AVX-512 {(Avx512F.IsSupported ? "yes" : "no")}; load average (1/5/15 min) before {loadBefore}, after {loadAfter}" +
                      (np is null ? "" : $", in the NumPy child {string.Join(" → ", np.Load.Chunk(3).Select(l => string.Join(" ", l.Select(v => v.ToString("F2", CultureInfo.InvariantCulture)))))}") + ".");
        sb.AppendLine();
        sb.AppendLine("FMA peak (float32, independent FMA chains per thread in registers, best 10 ms repetition, GFLOP/s): " +
                      string.Join(", ", peaks.Select(p => $"{p.Bits}-bit × {p.Threads} thread{(p.Threads > 1 ? "s" : "")} {p.Gflops:F1}")) +
                      $"; shares below are of {peak:F1}." +
                      (Above(peak, rows, gemms) is { } above
                          ? $" **Warning: {above:F1} GFLOP/s was measured below, more than this peak: the peak was measured while the machine was busy, so the shares are too high; rerun at low load.**"
                          : ""));
        sb.AppendLine();
        sb.AppendLine(np is null ? $"NumPy: {numpyProblem}" : $"NumPy: `{np.Setup}`; BLAS: {np.Blas}. Its cell is the faster of `numpy_reference` and the Keras-numpy-backend loop (marked r / k).");
        sb.AppendLine();
        sb.AppendLine("Times: best of 5 passes, per call, full sequence returned (batch, timesteps, units), float32, same weights and input for RnnParity and ORT " +
                      $"(ORT's output checked against RnnParity's first: max abs error column; a row above {RecurrentRowTimer.MaxOrtError:G1} is not timed). " +
                      "RnnParity auto and 1 thread write into one preallocated output (`RecurrentLayer.Call(x, destination)`), as ORT writes into its bound buffers; the fresh-array column allocates the output every call, as `Call(x)` and `Predict` do. " +
                      "Ratio = RnnParity (automatic threads, preallocated output) / the fastest peer (below 1: RnnParity faster). GFLOP/s count 2 · multiply-adds of the input projection and the recurrence.");
        sb.AppendLine();
        sb.AppendLine("| Layer | size (batch, T, input, units) | RnnParity auto | RnnParity 1 thread | RnnParity auto, fresh output array | ORT 2 threads | ORT 1 thread | NumPy + OpenBLAS | ORT max abs err | RnnParity / fastest peer | RnnParity GFLOP/s (% peak) | fastest peer GFLOP/s (% peak) |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (RowTimes t in rows)
        {
            TableRow r = t.Row;
            (string Impl, PassTime Time)? n = np is not null && np.Rows.TryGetValue((r.Layer, r.Size), out var v) ? v : null;
            var peers = new List<(string Name, double Seconds)>();
            if (t.Ort2 is { } o2) peers.Add(("ORT 2t", o2.BestSeconds));
            if (t.Ort1 is { } o1) peers.Add(("ORT 1t", o1.BestSeconds));
            if (n is { } nn) peers.Add(("NumPy", nn.Time.BestSeconds));
            var fastest = peers.Count == 0 ? default : peers.MinBy(p => p.Seconds);
            sb.Append($"| {r.Layer} | {r.Size} {r.Shape} | {Ms(t.OursAuto)} | {Ms(t.Ours1)} | {Ms(t.OursFresh)} | {Ms(t.Ort2)} | {Ms(t.Ort1)} | ");
            sb.Append(n is { } m ? $"{Ms(m.Time)} ({m.Impl[0]})" : "–");
            sb.Append($" | {(t.OrtMaxAbsError is { } e ? e.ToString("0.0e+0", CultureInfo.InvariantCulture) : "–")}{(t.OrtProblem is null ? "" : $" ({t.OrtProblem})")} | ");
            sb.Append(peers.Count == 0 ? "–" : $"{(t.OursAuto.BestSeconds / fastest.Seconds).ToString("0.00", CultureInfo.InvariantCulture)} (vs {fastest.Name})");
            sb.Append($" | {Share(r.Flops / t.OursAuto.BestSeconds, peak)} | {(peers.Count == 0 ? "–" : Share(r.Flops / fastest.Seconds, peak))} |");
            sb.AppendLine();
        }
        sb.AppendLine();
        sb.AppendLine("Roofline of the large rows (GFLOP/s, best of 5 passes; % of the FMA peak): our `Gemm` is one thread on the packed kernel, as the recurrent loop calls it; " +
                      "ORT is a one-node MatMul graph; NumPy is `np.matmul(a, b, out=c)` with OpenBLAS's own threads.");
        sb.AppendLine();
        sb.AppendLine("| product | shape | our Gemm | ORT MatMul 2 threads | ORT MatMul 1 thread | NumPy + OpenBLAS |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (GemmTimes g in gemms)
        {
            GemmShape s = g.Shape;
            string numpyCell = np is not null && np.MatMul.TryGetValue((s.M, s.K, s.N), out PassTime nt) ? Share(s.Flops / nt.BestSeconds, peak) : "–";
            sb.AppendLine($"| {s.Name} | {s.Text} | {Share(s.Flops / g.Ours.BestSeconds, peak)} | {(g.Ort2 is { } a ? Share(s.Flops / a.BestSeconds, peak) : "–")} | " +
                          $"{(g.Ort1 is { } b ? Share(s.Flops / b.BestSeconds, peak) : "–")} | {numpyCell} |");
        }
        sb.AppendLine();
        sb.AppendLine("Whole published models (`../shared/wild-models/`): `KerasModel.Load` once, then `Model.Call` on the case's input many times (best / median of 5 passes); " +
                      "error = max abs difference from the case's expected output. The NumPy column is `python/numpy_runner.compute(case)`: it also reads the files and builds the model every call.");
        sb.AppendLine();
        sb.AppendLine("| case | layers | input | load | predict best | predict median | max abs err | NumPy interpreter (read + build + predict) |");
        sb.AppendLine("|---|---|---|---:|---:|---:|---:|---:|");
        foreach (ModelTimes m in models)
            sb.AppendLine($"| {m.Case} | {m.Layers} | {m.InputShape} | {m.LoadSeconds * 1e3:F0} ms | {Ms(m.Predict.BestSeconds)} | {Ms(m.Predict.MedianSeconds)} | " +
                          $"{m.MaxAbsError.ToString("0.0e+0", CultureInfo.InvariantCulture)} | {(np is not null && np.Cases.TryGetValue(m.Case, out PassTime c) ? Ms(c.BestSeconds) : "–")} |");
        foreach (string p in modelProblems) sb.AppendLine($"\nNot timed: {p}");
        return sb.ToString();
    }

    /// <summary>The highest rate measured anywhere in the run when it exceeds the FMA peak, else null.</summary>
    static double? Above(double peak, List<RowTimes> rows, List<GemmTimes> gemms)
    {
        IEnumerable<double> rates = rows.SelectMany(t => new[] { t.OursAuto, t.Ours1, t.Ort2, t.Ort1 }.OfType<PassTime>().Select(p => t.Row.Flops / p.BestSeconds))
            .Concat(gemms.SelectMany(g => new[] { g.Ours, g.Ort2, g.Ort1 }.OfType<PassTime>().Select(p => g.Shape.Flops / p.BestSeconds)));
        double max = rates.DefaultIfEmpty(0).Max() / 1e9;
        return max > peak ? max : null;
    }

    static string Share(double flopsPerSecond, double peak) =>
        $"{flopsPerSecond / 1e9:F1} ({100 * flopsPerSecond / 1e9 / peak:F0} %)";

    static string Gf(double flops, PassTime? t) => t is { } v ? (flops / v.BestSeconds / 1e9).ToString("F1", CultureInfo.InvariantCulture) : "–";

    static string Ms(PassTime? t) => t is { } v ? Ms(v.BestSeconds) : "–";

    static string Ms(double seconds)
    {
        double ms = seconds * 1e3;
        return ms >= 100 ? $"{ms:F1} ms" : ms >= 1 ? $"{ms:F2} ms" : $"{ms * 1e3:F1} µs";
    }

    internal static string Load()
    {
        try { return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "?"; }
    }

    static string CpuModel()
    {
        try { return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"; }
        catch (IOException) { return "?"; }
    }
}
