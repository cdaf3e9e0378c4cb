namespace RnnParity.Fixtures.Verification;

/// <summary>
/// How a case's weight entries may name a weight. A model Keras built in one piece names its
/// variables by their full scope (<c>sequential/bidirectional/forward_lstm/lstm_cell/kernel</c>);
/// a model Keras loaded from a file builds each layer outside the model's scope, so the same
/// variable is <c>forward_lstm/lstm_cell/kernel</c>, owned by <c>forward_lstm</c>. Both are the
/// same weight: a real Keras case is never rejected for naming alone.
/// </summary>
public static class WeightNaming
{
    /// <summary>True when <paramref name="given"/> is <paramref name="expected"/> or a tail of it on <c>/</c> boundaries.</summary>
    public static bool SamePath(string expected, string given) =>
        expected == given || (given.Length > 0 && expected.EndsWith("/" + given, StringComparison.Ordinal));

    /// <summary>True when <paramref name="given"/> names the top-level layer or a layer on the weight's path (the one that created it).</summary>
    public static bool SameOwner(string path, string topLevelLayer, string given) =>
        given == topLevelLayer || path.Split('/')[..^1].Contains(given, StringComparer.Ordinal);
}
