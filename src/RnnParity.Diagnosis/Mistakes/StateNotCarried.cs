using System.Text.Json.Nodes;
using RnnParity.Core.Tensors;

namespace RnnParity.Diagnosis.Mistakes;

/// <summary>
/// The state never carried from one step to the next (the tutorial's <c>hidden_statet_t = output_t</c>
/// typo): every step starts from the initial state. Replayed by running the model on each timestep
/// alone, so every recurrent layer starts afresh at every step.
/// </summary>
public sealed class StateNotCarried : PortingMistake
{
    public override string Name => "state-not-carried";

    public override IEnumerable<Replay> Replays(CaseModel model)
    {
        var sequences = model.RunInputs.SelectMany(r => r).Where(x => x.Rank >= 3).ToList();
        if (sequences.Count == 0 || model.CellWeights.All(c => c is null)) yield break;
        var tree = model.ConfigTree();
        // The model must accept one-step sequences: unknown timesteps in its input shapes.
        foreach (var config in ConfigWalk.LayerConfigs(tree, "InputLayer"))
            foreach (string key in new[] { "batch_shape", "batch_input_shape" })
                if (config[key] is JsonArray shape && shape.Count >= 3) shape[1] = null;
        string json = tree.ToJsonString();
        yield return new Replay(Name, "every step started from the initial state (the state was never carried)", () => model.Run(json, call: (m, inputs) =>
        {
            int steps = inputs.First(x => x.Rank >= 3).Shape[1];
            var perStep = new List<IReadOnlyList<Tensor>>();
            for (int t = 0; t < steps; t++)
            {
                m.ResetStates();
                perStep.Add(m.Call(inputs.Select(x => x.Rank >= 3 && x.Shape[1] == steps ? Slice(x, t) : x).ToList()));
            }
            // A sequence output is the steps side by side; any other output is what the last step gave.
            return perStep[0].Select((_, o) => perStep[0][o].Rank >= 3 ? Concat(perStep.Select(s => s[o]).ToList()) : perStep[^1][o]).ToList();
        }));
    }

    static Tensor Slice(Tensor x, int t)
    {
        int batch = x.Shape[0], steps = x.Shape[1], inner = x.Length / (batch * steps);
        var y = new Tensor([batch, 1, .. x.Shape[2..]]);
        for (int b = 0; b < batch; b++) x.Data.AsSpan((b * steps + t) * inner, inner).CopyTo(y.Data.AsSpan(b * inner, inner));
        if (x.Mask is { } mask) y.Mask = Enumerable.Range(0, batch).Select(b => mask[b * steps + t]).ToArray();
        return y;
    }

    static Tensor Concat(IReadOnlyList<Tensor> steps)
    {
        int batch = steps[0].Shape[0], inner = steps[0].Length / batch, n = steps.Count;
        var y = new Tensor([batch, n, .. steps[0].Shape[2..]]);
        for (int t = 0; t < n; t++)
            for (int b = 0; b < batch; b++)
                steps[t].Data.AsSpan(b * inner, inner).CopyTo(y.Data.AsSpan((b * n + t) * inner, inner));
        return y;
    }
}
