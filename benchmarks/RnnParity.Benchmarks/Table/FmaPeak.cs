using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RnnParity.Benchmarks.Table;

/// <summary>One FMA-peak measurement: vector width, threads, GFLOP/s (2 flops per lane per FMA).</summary>
public sealed record FmaPeakResult(int Bits, int Threads, double Gflops);

/// <summary>
/// The machine's float32 FMA throughput, measured: independent chains of fused multiply-adds per
/// thread (more than FMA latency × ports; 12 chains of 512-bit measured less than ORT's GEMM on this
/// AMD EPYC, hence 24), all in registers, no memory traffic. The table's "share of peak" divides by the best of these.
/// </summary>
public static class FmaPeak
{
    /// <summary>Chains per thread: 24 with 512-bit vectors (AVX-512 has 32 registers), 12 with 256-bit
    /// (16 registers without AVX-512's encoding; more would spill).</summary>
    static int Chains(int bits) => bits == 512 ? 24 : 12;

    /// <param name="secondsEach">time per (width, threads) measurement, cut into short repetitions: on a
    /// shared machine the best short one is the one the scheduler left alone, as for the timed calls.</param>
    public static IReadOnlyList<FmaPeakResult> Measure(double secondsEach = 0.4)
    {
        var results = new List<FmaPeakResult>();
        foreach (int bits in new[] { 512, 256 })
        {
            if (bits == 512 && !Avx512F.IsSupported || bits == 256 && !Fma.IsSupported) continue;
            foreach (int threads in new[] { 1, 2 })
                results.Add(new(bits, threads, Run(bits, threads, secondsEach)));
        }
        return results;
    }

    static double Run(int bits, int threads, double seconds)
    {
        const double repetition = 0.01;
        long iterations = 1 << 16;
        Loop(bits, 1000);
        var sw = Stopwatch.StartNew();
        Loop(bits, iterations);
        iterations = System.Math.Max(1000, (long)(iterations * repetition / System.Math.Max(sw.Elapsed.TotalSeconds, 1e-7)));
        double flops = 2.0 * (bits / 32) * Chains(bits) * iterations * threads;
        double best = 0;
        using var start = new Barrier(threads);
        using var done = new Barrier(threads);
        int reps = System.Math.Max(3, (int)(seconds / repetition));
        // Workers loop in lockstep: each repetition starts on a barrier; thread 0 (this one) times it.
        var workers = Enumerable.Range(1, threads - 1).Select(_ => new Thread(() =>
        {
            for (int r = 0; r < reps; r++) { start.SignalAndWait(); Loop(bits, iterations); done.SignalAndWait(); }
        })).ToArray();
        foreach (var w in workers) w.Start();
        for (int r = 0; r < reps; r++)
        {
            start.SignalAndWait();
            sw.Restart();
            Loop(bits, iterations);
            done.SignalAndWait();
            best = System.Math.Max(best, flops / sw.Elapsed.TotalSeconds / 1e9);
        }
        foreach (var w in workers) w.Join();
        return best;
    }

    static float Loop(int bits, long iterations) => bits == 512 ? Loop512(iterations) : Loop256(iterations);

    // Fully optimised from the first call: a tier-0 or on-stack-replaced loop would keep the chains in memory.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    static float Loop512(long n)
    {
        Vector512<float> m = Vector512.Create(0.999f), a = Vector512.Create(1e-3f);
        Vector512<float> c0 = Vector512.Create(1f), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0, c12 = c0, c13 = c0, c14 = c0, c15 = c0, c16 = c0, c17 = c0, c18 = c0, c19 = c0, c20 = c0, c21 = c0, c22 = c0, c23 = c0;
        for (long i = 0; i < n; i++)
        {
            c0 = Avx512F.FusedMultiplyAdd(c0, m, a); c1 = Avx512F.FusedMultiplyAdd(c1, m, a); c2 = Avx512F.FusedMultiplyAdd(c2, m, a); c3 = Avx512F.FusedMultiplyAdd(c3, m, a);
            c4 = Avx512F.FusedMultiplyAdd(c4, m, a); c5 = Avx512F.FusedMultiplyAdd(c5, m, a); c6 = Avx512F.FusedMultiplyAdd(c6, m, a); c7 = Avx512F.FusedMultiplyAdd(c7, m, a);
            c8 = Avx512F.FusedMultiplyAdd(c8, m, a); c9 = Avx512F.FusedMultiplyAdd(c9, m, a); c10 = Avx512F.FusedMultiplyAdd(c10, m, a); c11 = Avx512F.FusedMultiplyAdd(c11, m, a);
            c12 = Avx512F.FusedMultiplyAdd(c12, m, a); c13 = Avx512F.FusedMultiplyAdd(c13, m, a); c14 = Avx512F.FusedMultiplyAdd(c14, m, a); c15 = Avx512F.FusedMultiplyAdd(c15, m, a);
            c16 = Avx512F.FusedMultiplyAdd(c16, m, a); c17 = Avx512F.FusedMultiplyAdd(c17, m, a); c18 = Avx512F.FusedMultiplyAdd(c18, m, a); c19 = Avx512F.FusedMultiplyAdd(c19, m, a);
            c20 = Avx512F.FusedMultiplyAdd(c20, m, a); c21 = Avx512F.FusedMultiplyAdd(c21, m, a); c22 = Avx512F.FusedMultiplyAdd(c22, m, a); c23 = Avx512F.FusedMultiplyAdd(c23, m, a);
        }
        // The sum keeps the chains alive (no dead-code elimination).
        return Vector512.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11 + c12 + c13 + c14 + c15 + c16 + c17 + c18 + c19 + c20 + c21 + c22 + c23);
    }

    // Fully optimised from the first call: a tier-0 or on-stack-replaced loop would keep the chains in memory.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    static float Loop256(long n)
    {
        Vector256<float> m = Vector256.Create(0.999f), a = Vector256.Create(1e-3f);
        Vector256<float> c0 = Vector256.Create(1f), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (long i = 0; i < n; i++)
        {
            c0 = Fma.MultiplyAdd(c0, m, a); c1 = Fma.MultiplyAdd(c1, m, a); c2 = Fma.MultiplyAdd(c2, m, a); c3 = Fma.MultiplyAdd(c3, m, a);
            c4 = Fma.MultiplyAdd(c4, m, a); c5 = Fma.MultiplyAdd(c5, m, a); c6 = Fma.MultiplyAdd(c6, m, a); c7 = Fma.MultiplyAdd(c7, m, a);
            c8 = Fma.MultiplyAdd(c8, m, a); c9 = Fma.MultiplyAdd(c9, m, a); c10 = Fma.MultiplyAdd(c10, m, a); c11 = Fma.MultiplyAdd(c11, m, a);
        }
        return Vector256.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }
}
