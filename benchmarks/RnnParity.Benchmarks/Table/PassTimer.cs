using System.Diagnostics;

namespace RnnParity.Benchmarks.Table;

/// <summary>Best and median per-call wall time of several passes, each pass a loop of calls.</summary>
public readonly record struct PassTime(double BestSeconds, double MedianSeconds);

public static class PassTimer
{
    /// <summary>Warms up (tiered JIT, ORT's arenas) for a fifth of the budget, then times
    /// <paramref name="passes"/> passes of as many calls as fill the rest.</summary>
    public static PassTime Measure(Action call, double budgetSeconds, int passes = 5)
    {
        var sw = Stopwatch.StartNew();
        int warm = 0;
        while (warm < 3 || sw.Elapsed.TotalSeconds < budgetSeconds / 5) { call(); warm++; }
        double one = sw.Elapsed.TotalSeconds / warm;
        int number = System.Math.Max(1, (int)(budgetSeconds * 0.8 / passes / one));
        var perCall = new double[passes];
        for (int p = 0; p < passes; p++)
        {
            sw.Restart();
            for (int i = 0; i < number; i++) call();
            perCall[p] = sw.Elapsed.TotalSeconds / number;
        }
        Array.Sort(perCall);
        return new PassTime(perCall[0], perCall[passes / 2]);
    }
}
