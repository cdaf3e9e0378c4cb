using RnnParity.Core.Tensors;

namespace RnnParity.Diagnosis.Mistakes;

/// <summary>A mistake in how the weights of the recurrent cells are read: the same model, other weights.</summary>
public abstract class WeightMistake : PortingMistake
{
    /// <summary>
    /// Rewrites <paramref name="weight"/> in place as form <paramref name="form"/> of the mistake reads
    /// it; returns false when this weight is not affected. <paramref name="owner"/> says which cell and
    /// role it has.
    /// </summary>
    protected abstract bool Rewrite(CellWeight owner, Tensor weight, string form);

    /// <summary>The forms of the mistake; most have one.</summary>
    protected virtual IEnumerable<string> Forms => [""];

    public override IEnumerable<Replay> Replays(CaseModel model)
    {
        foreach (string form in Forms)
        {
            var weights = model.CopyWeights();
            bool changed = false;
            for (int i = 0; i < weights.Count; i++)
                if (model.CellWeights[i] is { } owner && Rewrite(owner, weights[i], form)) changed = true;
            if (changed) yield return Replay(Describe(form), () => model.Run(weights: weights));
        }
    }

    protected abstract string Describe(string form);

    /// <summary>Rearranges the gate blocks (each <paramref name="units"/> wide) of every row of a (rows, gates·units)
    /// array: block k of the result is block <paramref name="sourceOfBlock"/>[k] of <paramref name="weight"/>.</summary>
    protected static void PermuteBlocks(Tensor weight, int units, int[] sourceOfBlock)
    {
        int width = weight.Shape[^1], rows = weight.Length / width;
        var copy = (float[])weight.Data.Clone();
        for (int r = 0; r < rows; r++)
            for (int b = 0; b < sourceOfBlock.Length; b++)
                copy.AsSpan(r * width + sourceOfBlock[b] * units, units).CopyTo(weight.Data.AsSpan(r * width + b * units, units));
    }
}
