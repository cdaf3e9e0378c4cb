namespace RnnParity.Benchmarks.Table;

/// <summary>One row of the peer table: a layer at one of the three sizes.</summary>
public sealed record TableRow(string Layer, string Size, int Batch, int Timesteps, int Input, int Units)
{
    public int Gates => Layer switch { "LSTM" => 4, "GRU" => 3, _ => 1 };

    /// <summary>2 · multiply-adds of the input projection (batch·T × input · gates·units) and the
    /// recurrence (batch·T × units · gates·units); gate arithmetic is not counted.</summary>
    public double Flops => 2.0 * Batch * Timesteps * (Input + Units) * Gates * (double)Units;

    public string Shape => $"({Batch}, {Timesteps}, {Input}, {Units})";

    /// <summary>The nine rows: (batch, timesteps, input, units) tiny / typical / large × SimpleRNN / LSTM / GRU.</summary>
    public static IReadOnlyList<TableRow> All { get; } =
    [
        .. new (string Size, int B, int T, int F, int U)[] { ("tiny", 1, 10, 4, 8), ("typical", 32, 100, 64, 128), ("large", 64, 200, 256, 512) }
            .SelectMany(s => new[] { "SimpleRNN", "LSTM", "GRU" }.Select(l => new TableRow(l, s.Size, s.B, s.T, s.F, s.U))),
    ];
}
