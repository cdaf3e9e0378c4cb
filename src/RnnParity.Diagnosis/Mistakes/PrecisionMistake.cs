using RnnParity.Core.Tensors;
using RnnParity.Diagnosis.Mistakes.Precision;

namespace RnnParity.Diagnosis.Mistakes;

/// <summary>
/// <c>precision</c>: the computation done in float64, float16 or bfloat16 instead of float32, replayed
/// by <see cref="ReducedPrecisionModel"/> (every operation's result rounded to the format). The
/// 16-bit forms may also be named when they explain the other side far better than float32 does,
/// without reproducing it (see <see cref="CauseFinder"/>).
/// </summary>
public sealed class PrecisionMistake : PortingMistake
{
    public const string MistakeName = "precision";

    public override string Name => MistakeName;

    public static string Detail(NumberFormat format) =>
        $"computed in {FormatRounding.Name(format)} instead of float32 (every operation's result rounded to {FormatRounding.Name(format)})";

    public override IEnumerable<Replay> Replays(CaseModel model)
    {
        foreach (var format in new[] { NumberFormat.Float64, NumberFormat.Float16, NumberFormat.BFloat16 })
            yield return Replay(Detail(format), () =>
            {
                var replay = new ReducedPrecisionModel(model.BuildModel(), format);
                var outputs = new List<IReadOnlyList<Tensor>>();
                for (int r = 0; r < model.RunInputs.Count; r++)
                {
                    if (model.ResetStates[r]) replay.ResetStates();
                    if (model.RunInputs[r].Count != 1) throw new ArgumentException("the precision replay runs models with one input");
                    outputs.Add([replay.Call(model.RunInputs[r][0])]);
                }
                return outputs;
            });
    }
}
