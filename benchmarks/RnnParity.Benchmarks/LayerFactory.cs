using RnnParity.Core.Tensors;
using RnnParity.Layers.Recurrent;

namespace RnnParity.Benchmarks;

/// <summary>Builds a layer with seeded random weights and a matching input, as the NumPy side does.</summary>
public static class BenchLayers
{
    public static (RecurrentLayer Layer, Tensor Input) Create(string layer, int batch, int timesteps, int features, int units, int seed = 1234, int threads = 0, bool returnSequences = false)
    {
        var options = new RecurrentOptions { Threads = threads, ReturnSequences = returnSequences };
        RecurrentLayer l = layer switch
        {
            "SimpleRNN" => new SimpleRNN(units, "tanh", true, options),
            "LSTM" => new LSTM(units, "tanh", "sigmoid", true, options),
            "GRU" => new GRU(units, "tanh", "sigmoid", true, true, options), // reset_after=True, Keras 3's default
            _ => throw new ArgumentException($"unknown layer {layer}"),
        };
        l.Build([batch, timesteps, features]);
        var rng = new Random(seed);
        // Scaled like the NumPy side (1/sqrt(fan-in)) so the gates are not saturated.
        foreach (Variable w in l.Weights)
        {
            float scale = w.Name switch
            {
                "kernel" => 1f / MathF.Sqrt(features),
                "recurrent_kernel" => 1f / MathF.Sqrt(units),
                _ => 0.1f,
            };
            for (int i = 0; i < w.Data.Length; i++) w.Data[i] = scale * Normal(rng);
        }
        var x = new Tensor(batch, timesteps, features);
        for (int i = 0; i < x.Data.Length; i++) x.Data[i] = Normal(rng);
        return (l, x);
    }

    static float Normal(Random rng) =>
        (float)(System.Math.Sqrt(-2 * System.Math.Log(1 - rng.NextDouble())) * System.Math.Cos(2 * System.Math.PI * rng.NextDouble()));
}
