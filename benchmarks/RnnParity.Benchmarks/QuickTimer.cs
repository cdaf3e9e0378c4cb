using System.Diagnostics;

namespace RnnParity.Benchmarks;

/// <summary>
/// <c>--quick</c>: a Stopwatch pass (best of several runs) over the same cases as
/// <see cref="LayerBenchmarks"/>, for fast before/after checks while optimising. The README's
/// figures come from BenchmarkDotNet, not from this.
/// </summary>
public static class QuickTimer
{
    /// <param name="threads">RecurrentOptions.Threads of every layer (0: the automatic choice).</param>
    public static void Run(TextWriter w, double budgetSeconds = 1.0, int threads = 0)
    {
        w.WriteLine($"threads {(threads == 0 ? "automatic" : threads)}, {Environment.ProcessorCount} logical CPUs");
        foreach (string size in new[] { "small", "medium", "large" })
            foreach (string layer in new[] { "SimpleRNN", "LSTM", "GRU" })
            {
                var (b, t, f, u) = Sizes.ByName[size];
                var (l, x) = BenchLayers.Create(layer, b, t, f, u, threads: threads);
                // Warm up for a while so tiered JIT reaches optimised code.
                var sw = Stopwatch.StartNew();
                int calls = 0;
                while (sw.Elapsed.TotalSeconds < budgetSeconds / 4 || calls < 3) { l.Call(x); calls++; }
                sw.Restart();
                l.Call(x);
                int number = System.Math.Max(1, (int)(budgetSeconds / 5 / System.Math.Max(sw.Elapsed.TotalSeconds, 1e-7)));
                // Wall time, and process CPU time, which other processes on a busy machine disturb less.
                double best = double.MaxValue, bestCpu = double.MaxValue;
                var self = Process.GetCurrentProcess();
                for (int r = 0; r < 7; r++)
                {
                    self.Refresh();
                    TimeSpan cpu0 = self.TotalProcessorTime;
                    sw.Restart();
                    for (int i = 0; i < number; i++) l.Call(x);
                    best = System.Math.Min(best, sw.Elapsed.TotalMilliseconds / number);
                    self.Refresh();
                    bestCpu = System.Math.Min(bestCpu, (self.TotalProcessorTime - cpu0).TotalMilliseconds / number);
                }
                w.WriteLine($"{layer,-10} {size,-7} {best,12:F4} ms wall {bestCpu,12:F4} ms cpu");
            }
    }
}
