using RnnParity.Core.Tensors;

namespace RnnParity.Diagnosis.Mistakes;

/// <summary>
/// Time in the wrong order: the inputs fed last step first, or a sequence output returned in the
/// other order (e.g. a <c>go_backwards</c> output flipped into time order, which Keras does not do).
/// </summary>
public sealed class TimeReversed : PortingMistake
{
    public override string Name => "time-reversed";

    public override IEnumerable<Replay> Replays(CaseModel model)
    {
        if (model.RunInputs.SelectMany(r => r).Any(x => x.Rank >= 3))
            yield return new Replay(Name, "inputs fed in reverse time order",
                () => model.Run(transformInputs: inputs => inputs.Select(x => x.Rank >= 3 ? FlipTime(x) : x).ToList()));
        yield return new Replay(Name, "sequence outputs returned in reverse time order",
            () => model.Run().Select(run => (IReadOnlyList<Tensor>)run.Select(y => y.Rank >= 3 ? FlipTime(y) : y).ToList()).ToList());
    }

    internal static Tensor FlipTime(Tensor x)
    {
        int batch = x.Shape[0], steps = x.Shape[1], inner = steps == 0 ? 0 : x.Length / (batch * steps);
        var y = new Tensor((int[])x.Shape.Clone());
        for (int b = 0; b < batch; b++)
            for (int t = 0; t < steps; t++)
                x.Data.AsSpan((b * steps + t) * inner, inner).CopyTo(y.Data.AsSpan((b * steps + steps - 1 - t) * inner, inner));
        return y;
    }
}
