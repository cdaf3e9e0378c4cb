namespace RnnParity.Diagnosis;

/// <summary>Everything <c>rnnparity diff</c> found about one case.</summary>
/// <param name="FirstBadLayer">The first layer whose output leaves tolerance; null when none, or not checked (see <see cref="LayerCheck"/>).</param>
/// <param name="LayerCheck">How the layer-by-layer check went, in words (e.g. why it did not run).</param>
/// <param name="GateTrace">The look inside one recurrent layer; <see cref="Gates.GateTraceResult.Layer"/> null when it did not run.</param>
public sealed record DiffResult(
    string Case,
    string Path,
    bool Passed,
    string Source,
    IReadOnlyList<OutputDiff> Outputs,
    string? FirstBadLayer,
    string LayerCheck,
    LikelyCause LikelyCause,
    Gates.GateTraceResult? GateTrace = null);
