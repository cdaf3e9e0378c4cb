using RnnParity.Benchmarks.Onnx;
using RnnParity.Core.Tensors;
using RnnParity.Layers.Recurrent;

namespace RnnParity.Benchmarks.Table;

/// <summary>What one row measured in C#: RnnParity at automatic and 1 thread, ORT at 2 and 1 intra-op threads.</summary>
public sealed record RowTimes(TableRow Row, PassTime OursAuto, PassTime Ours1, PassTime OursFresh, PassTime? Ort2, PassTime? Ort1, double? OrtMaxAbsError, string? OrtProblem);

/// <summary>
/// Times one row: the same seeded Keras weights and input (<see cref="BenchLayers"/>) in RnnParity
/// (<c>return_sequences=True</c>) and in ORT (<see cref="KerasRecurrentOnnx"/>). ORT's output is checked
/// against RnnParity's before it is timed; above <see cref="MaxOrtError"/> the row's ORT cells are refused.
/// </summary>
public static class RecurrentRowTimer
{
    public const double MaxOrtError = 1e-4;

    public static RowTimes Run(TableRow row, double budget)
    {
        var (auto, x) = BenchLayers.Create(row.Layer, row.Batch, row.Timesteps, row.Input, row.Units, threads: 0, returnSequences: true);
        var (single, _) = BenchLayers.Create(row.Layer, row.Batch, row.Timesteps, row.Input, row.Units, threads: 1, returnSequences: true);
        float[] ours = auto.Call(x).Data;

        // Into one preallocated output, as ORT runs into its bound buffers: a fresh 26 MB array per call
        // (the large rows) would time the allocator and the GC, not the layer.
        float[] destination = new float[ours.Length];
        // Once untimed: the process's first row otherwise times code the tiered JIT has not yet
        // promoted (9.6 µs for the tiny SimpleRNN, 2.1 µs a column later with the same layer).
        PassTimer.Measure(() => auto.Call(x, destination), budget);
        PassTime oursAuto = PassTimer.Measure(() => auto.Call(x, destination), budget);
        PassTime ours1 = PassTimer.Measure(() => single.Call(x, destination), budget);
        // What Predict costs: a fresh output array every call (page faults of fresh memory, GC).
        PassTime oursFresh = PassTimer.Measure(() => auto.Call(x), budget);

        PassTime? ort2 = null, ort1 = null;
        double? error = null;
        string? problem = null;
        try
        {
            OnnxGraph graph = KerasRecurrentOnnx.FromLayer(auto, row.Batch, row.Timesteps);
            // One session alive at a time: ORT's pool threads spin after a run and would take the
            // core from whatever is timed next.
            foreach (int threads in new[] { 2, 1 })
            {
                using var ort = new OrtModel(graph, intraOpThreads: threads);
                double e = MaxAbs(ours, ort.Run(x.Data));
                error = System.Math.Max(error ?? 0, e);
                if (e > MaxOrtError) { problem = $"ORT differs from RnnParity by {e:G3} (> {MaxOrtError:G1}): not timed"; break; }
                if (threads == 2) ort2 = PassTimer.Measure(ort.Run, budget);
                else ort1 = PassTimer.Measure(ort.Run, budget);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or NotSupportedException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            problem = $"ORT not run: {e.GetType().Name}: {e.Message}";
        }
        return new RowTimes(row, oursAuto, ours1, oursFresh, ort2, ort1, error, problem);
    }

    static double MaxAbs(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) return double.PositiveInfinity;
        double m = 0;
        for (int i = 0; i < a.Length; i++) m = System.Math.Max(m, System.Math.Abs((double)a[i] - b[i]));
        return m;
    }
}
