using Microsoft.ML.OnnxRuntime;

namespace RnnParity.Benchmarks.Onnx;

/// <summary>
/// An ONNX Runtime session on a one-input, one-output float32 graph, with its input and output
/// buffers bound once, so <see cref="Run()"/> times ORT's work only (no per-call managed allocation
/// of the tensors).
/// </summary>
public sealed class OrtModel : IDisposable
{
    readonly InferenceSession _session;
    readonly RunOptions _run = new();
    readonly OrtValue _x, _y;
    readonly OrtIoBinding _binding;

    /// <param name="intraOpThreads">ORT's intra-op pool size (1: no pool; the caller's thread does the work).</param>
    public OrtModel(OnnxGraph graph, int intraOpThreads)
    {
        if (graph.Inputs.Count != 1 || graph.Outputs.Count != 1)
            throw new ArgumentException("OrtModel runs graphs with one input and one output.", nameof(graph));
        using var options = new SessionOptions
        {
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(graph.ToModelBytes(), options);
        (string inName, long[] inDims) = graph.Inputs[0];
        (string outName, long[] outDims) = graph.Outputs[0];
        Input = new float[Size(inDims)];
        Output = new float[Size(outDims)];
        _x = OrtValue.CreateTensorValueFromMemory(Input, inDims);
        _y = OrtValue.CreateTensorValueFromMemory(Output, outDims);
        _binding = _session.CreateIoBinding();
        _binding.BindInput(inName, _x);
        _binding.BindOutput(outName, _y);
    }

    /// <summary>The bound input: write x here (row-major, the graph's input shape) before <see cref="Run()"/>.</summary>
    public float[] Input { get; }

    /// <summary>The bound output, overwritten by every <see cref="Run()"/>.</summary>
    public float[] Output { get; }

    public void Run() => _session.RunWithBinding(_run, _binding);

    /// <summary>Runs once on <paramref name="x"/> and returns a copy of the output.</summary>
    public float[] Run(ReadOnlySpan<float> x)
    {
        x.CopyTo(Input);
        Run();
        return (float[])Output.Clone();
    }

    static long Size(long[] dims) => dims.Aggregate(1L, (a, d) => a * d);

    public void Dispose()
    {
        _binding.Dispose();
        _x.Dispose();
        _y.Dispose();
        _run.Dispose();
        _session.Dispose();
    }
}
