using System.Text.Json.Nodes;

namespace RnnParity.Diagnosis.Mistakes;

/// <summary>
/// <c>hard_sigmoid</c> with Keras 2's meaning, clip(0.2x + 0.5, 0, 1), where Keras 3 computes
/// relu6(x + 3) / 6 — the usual result of running a model trained under Keras 2 with Keras 3 (or the
/// other way round).
/// </summary>
public sealed class Keras2HardSigmoid : PortingMistake
{
    /// <summary>RnnParity's name for Keras 2's hard_sigmoid (<c>KerasActivations.Keras2HardSigmoid</c>).</summary>
    const string Keras2Name = "keras2_hard_sigmoid";

    public override string Name => "keras2-hard-sigmoid";

    public override IEnumerable<Replay> Replays(CaseModel model)
    {
        var tree = model.ConfigTree();
        var places = new List<string>();
        foreach (var obj in ConfigWalk.Objects(tree))
            foreach (var key in obj.Select(p => p.Key).ToList())
                if (key.EndsWith("activation", StringComparison.Ordinal) && obj[key] is JsonValue v && v.TryGetValue(out string? name) && name == "hard_sigmoid")
                {
                    obj[key] = Keras2Name;
                    places.Add($"{(string?)obj["name"] ?? "?"}.{key}");
                }
        if (places.Count == 0) yield break;
        string json = tree.ToJsonString();
        yield return new Replay(Name, $"hard_sigmoid computed as Keras 2's 0.2x + 0.5 (clipped) instead of Keras 3's relu6(x + 3) / 6 in {string.Join(", ", places)}",
            () => model.Run(json));
    }
}
