namespace RnnParity.Diagnosis.Gates;

/// <summary>One gate's (or state's) difference between C# and the reference along the steps.</summary>
/// <param name="MaxAbsError">Per step (processing order), max |C# − reference| over batch and units.</param>
/// <param name="FirstBadStep">First step with an element beyond the case tolerance; null when none.</param>
public sealed record GateSeries(string Name, double[] MaxAbsError, int? FirstBadStep);

/// <summary>The trace of one recurrent computation: a layer, or one direction of a Bidirectional.</summary>
/// <param name="Direction"><c>forward</c>/<c>backward</c> for a Bidirectional's halves, else null.</param>
/// <param name="Kind"><c>SimpleRNN</c>, <c>LSTM</c> or <c>GRU</c>.</param>
/// <param name="Gates">In Keras's order: i, f, c, o (LSTM); z, r, h (GRU); h (SimpleRNN).</param>
/// <param name="States">h_t (and c_t for LSTM), after each step's masking.</param>
/// <param name="FirstBadGate">The first gate (else state) beyond tolerance at the earliest bad step, ties by gate order; null when none.</param>
public sealed record DirectionTrace(string? Direction, string Kind, IReadOnlyList<GateSeries> Gates, IReadOnlyList<GateSeries> States,
    string? FirstBadGate, int? FirstBadStep);

/// <summary>
/// <c>diff</c>'s look inside one recurrent layer: per step, each gate's C# values against a
/// reference's for the same inputs and weights. Null <see cref="Layer"/> when the trace did not run
/// (<see cref="Description"/> says why).
/// </summary>
public sealed record GateTraceResult(string? Layer, IReadOnlyList<DirectionTrace> Directions, string Description)
{
    public static GateTraceResult NotRun(string reason) => new(null, [], $"not run: {reason}");

    /// <summary>The direction that diverges first (earliest step; forward before backward); null when none does.</summary>
    /// <summary>A gate's name as reports show it: <c>f</c>, or <c>backward/f</c> in a Bidirectional.</summary>
    public static string Label(DirectionTrace direction, string gate) => direction.Direction is null ? gate : $"{direction.Direction}/{gate}";

    public DirectionTrace? FirstBad => Directions.Where(d => d.FirstBadStep is not null).OrderBy(d => d.FirstBadStep).FirstOrDefault();
}
