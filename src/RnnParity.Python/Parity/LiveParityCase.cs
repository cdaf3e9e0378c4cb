namespace RnnParity.Python.Parity;

/// <summary>One seeded configuration that C# and the NumPy reference both run (names as in Keras).</summary>
public sealed record LiveParityCase(
    string Kind,
    int Units,
    int Features,
    int Timesteps,
    int Batch,
    int Seed,
    string Activation = "tanh",
    string RecurrentActivation = "sigmoid",
    bool UseBias = true,
    bool ReturnSequences = false,
    bool GoBackwards = false,
    bool ResetAfter = true,
    string? Padding = null,
    string? MergeMode = null,
    bool Unroll = false,
    double Atol = 1e-5,
    double Rtol = 1e-5)
{
    public string Name =>
        $"{Kind}({Units}) {Activation}{(Kind == "SimpleRNN" ? "" : "/" + RecurrentActivation)}{(UseBias ? "" : " no-bias")}" +
        $"{(ReturnSequences ? " sequences" : "")}{(GoBackwards ? " backwards" : "")}{(Kind == "GRU" && !ResetAfter ? " reset_before" : "")}" +
        $"{(Padding is null ? "" : $" masked {Padding}-padding")}{(Unroll ? " unroll" : "")}{(MergeMode is null ? "" : $" in Bidirectional({MergeMode})")}" +
        $" on ({Batch}, {Timesteps}, {Features}) seed {Seed}";

    public override string ToString() => Name;

    /// <summary>
    /// The standard set: the tutorial's shapes, every layer kind and direction, both GRU variants,
    /// a non-default activation each, masks with pre- and post-padding, Bidirectional with every
    /// merge mode, and one wider case so vectorised paths are exercised.
    /// </summary>
    public static IReadOnlyList<LiveParityCase> Standard { get; } =
    [
        new("SimpleRNN", 8, 4, 10, 1, 301, ReturnSequences: true),
        new("SimpleRNN", 3, 10, 2, 8, 302),
        new("SimpleRNN", 5, 3, 6, 4, 303, Activation: "relu", UseBias: false, ReturnSequences: true),
        new("SimpleRNN", 4, 3, 7, 2, 304, GoBackwards: true, ReturnSequences: true),
        new("LSTM", 5, 3, 8, 3, 305, ReturnSequences: true),
        new("LSTM", 4, 6, 5, 2, 306, RecurrentActivation: "hard_sigmoid", GoBackwards: true),
        new("GRU", 4, 3, 6, 2, 307, ReturnSequences: true),
        new("GRU", 4, 3, 6, 2, 308, ResetAfter: false),
        new("GRU", 3, 2, 5, 3, 309, Activation: "softsign", UseBias: false),
        new("LSTM", 64, 32, 20, 4, 310, ReturnSequences: true),
        new("SimpleRNN", 4, 3, 7, 5, 311, ReturnSequences: true, Padding: "post"),
        new("LSTM", 4, 3, 8, 5, 312, Padding: "pre"),
        new("GRU", 3, 2, 6, 4, 313, ReturnSequences: true, GoBackwards: true, Padding: "pre"),
        new("GRU", 3, 2, 6, 4, 314, ResetAfter: false, Padding: "post"),
        new("SimpleRNN", 3, 4, 5, 2, 315, ReturnSequences: true, MergeMode: "concat"),
        new("LSTM", 4, 3, 6, 3, 316, MergeMode: "sum"),
        new("GRU", 3, 2, 5, 3, 317, ReturnSequences: true, MergeMode: "mul", Padding: "post"),
        new("LSTM", 3, 2, 7, 4, 318, ReturnSequences: true, MergeMode: "ave", Padding: "pre"),
        // Unrolled loops differ only under masks, and most where zero_output_for_mask is forced.
        new("SimpleRNN", 3, 2, 6, 4, 319, ReturnSequences: true, MergeMode: "concat", Padding: "post", Unroll: true),
        new("GRU", 3, 2, 6, 4, 320, ReturnSequences: true, GoBackwards: true, Padding: "pre", Unroll: true),
    ];
}
