using RnnParity.Benchmarks.Onnx;
using RnnParity.Core.Math;

namespace RnnParity.Benchmarks.Table;

/// <summary>One product shape of a large row: the per-step recurrent product or the all-steps input projection.</summary>
public sealed record GemmShape(string Name, int M, int K, int N)
{
    public double Flops => 2.0 * M * K * (double)N;

    public string Text => $"{M}×{K} · {K}×{N}";

    /// <summary>For each large row: (batch × units)·(units × gates·units) and (batch·T × input)·(input × gates·units).</summary>
    public static IReadOnlyList<GemmShape> OfLargeRows(IEnumerable<TableRow> rows) =>
    [
        .. rows.Where(r => r.Size == "large").SelectMany(r => new[]
        {
            new GemmShape($"{r.Layer} recurrent (per step)", r.Batch, r.Units, r.Gates * r.Units),
            new GemmShape($"{r.Layer} input projection", r.Batch * r.Timesteps, r.Input, r.Gates * r.Units),
        }),
    ];
}

/// <summary>The product on one shape: our <see cref="Gemm"/> (one thread, as the recurrent loop calls it),
/// ORT's MatMul at 2 and 1 intra-op threads.</summary>
public sealed record GemmTimes(GemmShape Shape, PassTime Ours, PassTime? Ort2, PassTime? Ort1, string? OrtProblem);

public static class Roofline
{
    public static GemmTimes Run(GemmShape s, double budget)
    {
        var rng = new Random(5);
        float[] a = Fill(rng, s.M * s.K), b = Fill(rng, s.K * s.N), c = new float[s.M * s.N];
        // The recurrent loop reads its kernel packed (Gemm.PackB once per sequence); so does this.
        float[] packed = new float[Gemm.PackedLength(s.K, s.N)];
        Gemm.PackB(b, s.K, s.N, s.N, packed);
        PassTime ours = PassTimer.Measure(() => { c.AsSpan().Clear(); Gemm.MatMulAddPacked(a, s.M, s.K, s.K, packed, b, s.N, s.N, c, s.N); }, budget);
        try
        {
            OnnxGraph g = OnnxMatMul.Build(s.M, s.K, b, s.N);
            PassTime Time(int threads)
            {
                using var ort = new OrtModel(g, threads); // one session alive at a time (see RecurrentRowTimer)
                a.CopyTo(ort.Input);
                return PassTimer.Measure(ort.Run, budget);
            }
            PassTime two = Time(2);
            return new GemmTimes(s, ours, two, Time(1), null);
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            return new GemmTimes(s, ours, null, null, $"ORT not run: {e.GetType().Name}: {e.Message}");
        }
    }

    static float[] Fill(Random rng, int n)
    {
        var v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float)(rng.NextDouble() - 0.5);
        return v;
    }
}
