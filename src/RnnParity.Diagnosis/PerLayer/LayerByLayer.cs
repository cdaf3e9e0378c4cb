using System.Globalization;
using RnnParity.Core.Tensors;
using RnnParity.Fixtures.Format;
using RnnParity.Layers;
using RnnParity.Layers.Basic;

namespace RnnParity.Diagnosis.PerLayer;

/// <summary>What the layer-by-layer check found: <see cref="DiffResult.FirstBadLayer"/> and <see cref="DiffResult.LayerCheck"/>.</summary>
public sealed record LayerCheckResult(string? FirstBadLayer, string Description);

/// <summary>
/// Runs the case's model in C# with every layer's outputs observed and compares them, layer by layer
/// in <c>model.layers</c> order, with a reference's: the first layer whose output leaves the case
/// tolerance (|c# − ref| ≤ atol + rtol·|ref|, any run, any output) is where the two part ways.
/// </summary>
public static class LayerByLayer
{
    sealed record OwnCall(Layer Layer, int Call, IReadOnlyList<Tensor> Outputs);

    public static LayerCheckResult Check(CaseModel model, string caseDirectory, ILayerReference? reference)
    {
        if (reference is null) return new(null, "not run: no layer reference was given");
        ReferenceLayers theirs;
        try { theirs = reference.Compute(caseDirectory); }
        catch (LayerReferenceUnavailableException e) { return new(null, $"not run: {e.Message}"); }
        if (theirs.Runs is null)
            return new(null, $"not run: {reference.Name} cannot run this model; could not check {string.Join("; ", theirs.Unchecked)}");

        var own = new List<List<OwnCall>>();
        Layer[] order = [];
        model.Run(call: (m, inputs) =>
        {
            var calls = new List<OwnCall>();
            order = m.Layers.ToArray();
            var result = m.Call(inputs, (layer, n, outputs) => calls.Add(new OwnCall(layer, n, outputs)));
            own.Add(calls);
            return result;
        });
        if (own.Count != theirs.Runs.Count)
            return new(null, $"not run: {reference.Name} gave {theirs.Runs.Count} run(s), the case has {own.Count}");

        var notChecked = new List<string>(theirs.Unchecked);
        int checkedLayers = 0;
        foreach (Layer layer in order.Where(l => l is not InputLayer))
        {
            bool seen = false;
            for (int r = 0; r < own.Count; r++)
                foreach (var mine in own[r].Where(c => c.Layer == layer))
                {
                    var theirCall = theirs.Runs[r].FirstOrDefault(t => t.Name == layer.Name && t.Call == mine.Call);
                    if (theirCall is null) continue;
                    seen = true;
                    if (Differs(mine.Outputs, theirCall.Outputs, model.Fixture.Tolerance) is { } how)
                        return new(layer.Name, $"{Head(reference, checkedLayers + 1, notChecked)}; first outside tolerance: {layer.Name} ({layer.ClassName}), run {r}{(mine.Call > 0 ? $" call {mine.Call}" : "")}, {how}");
                }
            if (seen) checkedLayers++;
            else if (!notChecked.Any(u => u.StartsWith(layer.Name + " ", StringComparison.Ordinal)))
                notChecked.Add($"{layer.Name} ({layer.ClassName}): {reference.Name} gave no output for it");
        }
        return new(null, $"{Head(reference, checkedLayers, notChecked)}; every checked layer within tolerance");
    }

    static string Head(ILayerReference reference, int checkedLayers, List<string> notChecked) =>
        $"against {reference.Name}: {checkedLayers} layer(s) checked" + (notChecked.Count == 0 ? "" : $"; could not check {string.Join("; ", notChecked)}");

    /// <summary>Null when every output is within tolerance, else what differs (the first output that does).</summary>
    static string? Differs(IReadOnlyList<Tensor> mine, IReadOnlyList<Tensor> theirs, FixtureTolerance tolerance)
    {
        if (mine.Count != theirs.Count) return $"{mine.Count} output(s) against the reference's {theirs.Count}";
        for (int o = 0; o < mine.Count; o++)
        {
            Tensor a = mine[o], e = theirs[o];
            if (!a.Shape.SequenceEqual(e.Shape))
                return $"output {o} has shape ({string.Join(", ", a.Shape)}), the reference ({string.Join(", ", e.Shape)})";
            double worst = 0;
            int bad = 0;
            for (int i = 0; i < a.Length; i++)
            {
                if (ArrayComparison.IsClose(a.Data[i], e.Data[i], tolerance.Atol, tolerance.Rtol)) continue;
                bad++;
                double d = Math.Abs((double)a.Data[i] - e.Data[i]);
                if (!(d <= worst)) worst = d;
            }
            if (bad > 0)
                return $"output {o}: {bad} of {a.Length} element(s) out of tolerance, max abs error {worst.ToString("G4", CultureInfo.InvariantCulture)}";
        }
        return null;
    }
}
