#:project ../src/RnnParity.Core/RnnParity.Core.csproj
#:property AllowUnsafeBlocks=true
#:property TieredPGO=true
// Gemm and LSTM-loop micro-benchmark (a .NET 10 file-based app, outside the benchmark project):
//   dotnet run -c Release benchmarks/GemmMicro.cs [-- seconds]
// Prints single-thread GFLOP/s of Gemm on the large LSTM's shapes (recurrent 64×512·512×2048,
// input projection 12800×256·256×2048) and the wall time of RecurrentLoop.Run on LSTM
// (64, 200, 256, 512) at 1 and 2 threads. Best of several runs; quote `uptime` with the numbers.
using System.Diagnostics;
using RnnParity.Core.Activations;
using RnnParity.Core.Cells;
using RnnParity.Core.Math;
using RnnParity.Core.Recurrent;

double budget = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2.0;
var rng = new Random(1);
float[] Random(int n) { var a = new float[n]; for (int i = 0; i < n; i++) a[i] = (float)(rng.NextDouble() - 0.5); return a; }

// Best wall time and best CPU time of the process (on a loaded machine the wall time of a long run
// includes the time other processes held the cores; CPU time of a one-thread run does not).
var self = Process.GetCurrentProcess();
double lastCpu = 0;
double Best(Action body, double seconds)
{
    body();
    var sw = Stopwatch.StartNew();
    double best = double.MaxValue;
    lastCpu = double.MaxValue;
    int runs = 0;
    while (sw.Elapsed.TotalSeconds < seconds || runs < 3)
    {
        self.Refresh();
        TimeSpan cpu0 = self.TotalProcessorTime;
        var one = Stopwatch.StartNew();
        body();
        best = Math.Min(best, one.Elapsed.TotalSeconds);
        self.Refresh();
        lastCpu = Math.Min(lastCpu, (self.TotalProcessorTime - cpu0).TotalSeconds);
        runs++;
    }
    return best;
}

void GemmCase(string name, int m, int k, int n)
{
    float[] a = Random(m * k), b = Random(k * n), c = new float[m * n];
    double s = Best(() => Gemm.MatMulAdd(a, m, k, b, n, c), budget);
    Console.WriteLine($"Gemm {name,-12} {m}×{k}·{k}×{n}: {s * 1e3,9:F3} ms {2.0 * m * k * n / s / 1e9,7:F1} GFLOP/s wall, {2.0 * m * k * n / lastCpu / 1e9,7:F1} GFLOP/s cpu (1 thread, MatMulAdd)");
    float[] packed = new float[Gemm.PackedLength(k, n)];
    Gemm.PackB(b, k, n, n, packed);
    s = Best(() => Gemm.MatMulAddPacked(a, m, k, k, packed, b, n, n, c, n), budget);
    Console.WriteLine($"Gemm {name,-12} {m}×{k}·{k}×{n}: {s * 1e3,9:F3} ms {2.0 * m * k * n / s / 1e9,7:F1} GFLOP/s wall, {2.0 * m * k * n / lastCpu / 1e9,7:F1} GFLOP/s cpu (1 thread, packed B)");
    float[] bias = Random(n);
    s = Best(() => Gemm.MatMulBias(a, m, k, b, n, bias, c), budget);
    Console.WriteLine($"Gemm {name,-12} {m}×{k}·{k}×{n}: {s * 1e3,9:F3} ms {2.0 * m * k * n / s / 1e9,7:F1} GFLOP/s wall, {2.0 * m * k * n / lastCpu / 1e9,7:F1} GFLOP/s cpu (1 thread, MatMulBias)");
}

Console.WriteLine($"{Environment.ProcessorCount} CPUs, load {File.ReadAllText("/proc/loadavg").Trim()}");
GemmCase("recurrent", 64, 512, 2048);
GemmCase("projection", 12800, 256, 2048);

var lstm = new LstmCell(512, 256, KerasActivations.Get("tanh"), KerasActivations.Get("sigmoid"));
foreach (var v in lstm.Weights) { var r = Random(v.Data.Length); for (int i = 0; i < r.Length; i++) v.Data[i] = r[i] * 0.1f; }
const int B = 64, T = 200;
float[] x = Random(B * T * 256), output = new float[B * T * 512], state = new float[lstm.StateLength(B)];
double flops = 2.0 * T * B * 512 * 2048 + 2.0 * T * B * 256 * 2048;
foreach (int threads in new[] { 1, 2 })
{
    double s = Best(() => { Array.Clear(state); RecurrentLoop.Run(lstm, x, B, T, default, new LoopOptions(true, false, false, Threads: threads), state, output); }, budget * 2);
    Console.WriteLine($"LSTM (64,200,256,512) sequences, {threads} thread(s): {s * 1e3,9:F1} ms {flops / s / 1e9,7:F1} GFLOP/s wall, cpu {lastCpu * 1e3,9:F1} ms");
}
// Tiny work (1, 10, 4, 8), threads automatic: must stay a few microseconds.
foreach (RecurrentCell cell in new RecurrentCell[]
{
    new SimpleRnnCell(8, 4, KerasActivations.Get("tanh")),
    new LstmCell(8, 4, KerasActivations.Get("tanh"), KerasActivations.Get("sigmoid")),
    new GruCell(8, 4, KerasActivations.Get("tanh"), KerasActivations.Get("sigmoid")),
})
{
    foreach (var v in cell.Weights) { var r = Random(v.Data.Length); r.CopyTo(v.Data, 0); }
    float[] tx = Random(10 * 4), tout = new float[8], tstate = new float[cell.StateLength(1)];
    var options = new LoopOptions(false, false, false);
    double s = Best(() => { for (int i = 0; i < 1000; i++) RecurrentLoop.Run(cell, tx, 1, 10, default, options, tstate, tout); }, budget) / 1000;
    Console.WriteLine($"{cell.GetType().Name,-14} (1,10,4,8) loop: {s * 1e6,7:F2} µs wall, {lastCpu / 1000 * 1e6,7:F2} µs cpu");
}
Console.WriteLine($"load {File.ReadAllText("/proc/loadavg").Trim()}");
