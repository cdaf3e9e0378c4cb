using RnnParity.Core.Cells;
using RnnParity.Core.Tensors;

namespace RnnParity.Diagnosis.Mistakes;

/// <summary>
/// A GRU computed with the other <c>reset_after</c> convention than its weights were trained with:
/// reset gate applied after the recurrent product (Keras 3 and cuDNN: bias (2, 3·units)) or before it
/// (Keras 2's default: bias (3·units)). The (2, 3·units) bias read by the other formula is either
/// its input row alone or the sum of both rows; a (3·units) bias becomes the input row, the
/// recurrent row zero.
/// </summary>
public sealed class ResetAfterMismatch : PortingMistake
{
    public override string Name => "reset-after-mismatch";

    public override IEnumerable<Replay> Replays(CaseModel model)
    {
        var grus = Enumerable.Range(0, model.Weights.Count).Where(i => model.CellWeights[i]?.Cell is GruCell).ToList();
        if (grus.Count == 0) yield break;
        foreach (string form in new[] { "input row", "sum of rows" })
        {
            var tree = model.ConfigTree();
            foreach (var config in ConfigWalk.LayerConfigs(tree, "GRU", "GRUCell"))
                config["reset_after"] = !(config["reset_after"]?.GetValue<bool>() ?? true);
            var weights = model.CopyWeights();
            bool afterToBefore = false;
            foreach (int i in grus)
            {
                var owner = model.CellWeights[i]!;
                if (owner.Role != "bias") continue;
                var cell = (GruCell)owner.Cell;
                int w = 3 * cell.Units;
                if (cell.ResetAfter)
                {
                    afterToBefore = true;
                    var b = new float[w];
                    for (int k = 0; k < w; k++) b[k] = form == "input row" ? weights[i].Data[k] : weights[i].Data[k] + weights[i].Data[w + k];
                    weights[i] = new Tensor([w], b);
                }
                else
                {
                    var b = new float[2 * w];
                    weights[i].Data.CopyTo(b, 0);
                    weights[i] = new Tensor([2, w], b);
                }
            }
            // Without a (2, 3·units) bias there is only one way to read it.
            if (!afterToBefore && form == "sum of rows") continue;
            string json = tree.ToJsonString();
            string detail = afterToBefore
                ? $"GRU weights made with reset_after=True computed with reset_after=False (bias: {form})"
                : "GRU weights made with reset_after=False computed with reset_after=True (recurrent bias zero)";
            yield return new Replay(Name, detail, () => model.Run(json, weights));
        }
    }
}
