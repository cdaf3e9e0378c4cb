namespace RnnParity.Benchmarks;

/// <summary>The benchmark shapes; python/bench_numpy.py has the same table (SIZES).</summary>
public static class Sizes
{
    public static readonly IReadOnlyDictionary<string, (int Batch, int Timesteps, int Features, int Units)> ByName =
        new Dictionary<string, (int, int, int, int)>
        {
            ["small"] = (1, 10, 4, 8),        // the tutorial's toy RNN
            ["medium"] = (32, 50, 64, 128),
            ["large"] = (64, 100, 128, 256),
        };
}
