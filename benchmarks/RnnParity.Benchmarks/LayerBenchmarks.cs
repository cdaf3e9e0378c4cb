using BenchmarkDotNet.Attributes;
using RnnParity.Core.Tensors;
using RnnParity.Layers.Recurrent;

namespace RnnParity.Benchmarks;

/// <summary>
/// One forward pass, <c>layer.Call(x)</c>, weights set beforehand (return_sequences=False, the
/// Keras default). The allocation column is per call: the output tensor plus the loop's buffers,
/// which are sized once per call (the time-major input copy and the projection grow with T; the
/// per-step work allocates nothing, see the allocation audit Program prints first).
/// </summary>
[MemoryDiagnoser]
public class LayerBenchmarks
{
    [Params("SimpleRNN", "LSTM", "GRU")]
    public string Layer { get; set; } = "";

    [Params("small", "medium", "large")]
    public string Size { get; set; } = "";

    RecurrentLayer _layer = null!;
    Tensor _x = null!;

    [GlobalSetup]
    public void Setup()
    {
        var (b, t, f, u) = Sizes.ByName[Size];
        (_layer, _x) = BenchLayers.Create(Layer, b, t, f, u);
    }

    [Benchmark]
    public Tensor Forward() => _layer.Call(_x);
}
