using RnnParity.Core.Tensors;

namespace RnnParity.Diagnosis.Mistakes;

/// <summary>One way to recompute a case with a porting mistake in it; <see cref="Detail"/> says which form.</summary>
public sealed record Replay(string Mistake, string Detail, Func<IReadOnlyList<IReadOnlyList<Tensor>>> Compute);

/// <summary>
/// A classic mistake made when porting a Keras recurrent model, replayed as a variant of the
/// computation or of how the weights are read. Like a mutation operator: one small class, one
/// transform (or a few forms of it), named as <c>diff</c>'s JSON names it.
/// </summary>
public abstract class PortingMistake
{
    /// <summary>The name in <c>likely_cause.name</c>, e.g. <c>kernel-transposed</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The replays that apply to this case (none when the mistake cannot occur in it).</summary>
    public abstract IEnumerable<Replay> Replays(CaseModel model);

    protected Replay Replay(string detail, Func<IReadOnlyList<IReadOnlyList<Tensor>>> compute) => new(Name, detail, compute);
}
