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
                () => model.Run(transformInputs: inputs => inputs.Select(x => x.Rank >= 3 ? TimeAxis.Reverse(x) : x).ToList()));
        yield return new Replay(Name, "sequence outputs returned in reverse time order",
            () => model.Run().Select(run => (IReadOnlyList<Tensor>)run.Select(y => y.Rank >= 3 ? TimeAxis.Reverse(y) : y).ToList()).ToList());
    }
}
