using System.Text.Json.Nodes;
using RnnParity.Core.Cells;
using RnnParity.Core.Tensors;
using RnnParity.Fixtures.Format;
using RnnParity.KerasConfig;
using RnnParity.Layers;
using RnnParity.Layers.Models;
using RnnParity.Layers.Recurrent;
using RnnParity.Layers.Wrappers;

namespace RnnParity.Diagnosis;

/// <summary>What a weight is to the recurrent cell that uses it; null for weights outside recurrent cells.</summary>
public sealed record CellWeight(RecurrentCell Cell, string Role);

/// <summary>
/// A fixture case made ready to be recomputed many ways: its model config, its weights in
/// <c>get_weights()</c> order (and which recurrent cell each belongs to), its runs' inputs. Each
/// <see cref="Run"/> builds a fresh model, so variants never disturb one another.
/// </summary>
public sealed class CaseModel
{
    CaseModel(FixtureCase fixture, string modelJson, IReadOnlyList<Tensor> weights, IReadOnlyList<CellWeight?> cellWeights,
        IReadOnlyList<IReadOnlyList<Tensor>> runInputs, IReadOnlyList<bool> resets)
    {
        Fixture = fixture;
        ModelJson = modelJson;
        Weights = weights;
        CellWeights = cellWeights;
        RunInputs = runInputs;
        ResetStates = resets;
    }

    public FixtureCase Fixture { get; }

    /// <summary>The case's model.json text.</summary>
    public string ModelJson { get; }

    public IReadOnlyList<Tensor> Weights { get; }

    public IReadOnlyList<CellWeight?> CellWeights { get; }

    public IReadOnlyList<IReadOnlyList<Tensor>> RunInputs { get; }

    public IReadOnlyList<bool> ResetStates { get; }

    /// <exception cref="FixtureException">the case cannot be read, built or loaded.</exception>
    public static CaseModel Load(FixtureCase fixture)
    {
        string json = File.ReadAllText(fixture.PathOf(fixture.ModelFile));
        var weights = fixture.Weights.Select((w, i) => CaseReader.LoadArray(fixture, w.File, $"weights[{i}].file").ToTensor()).ToList();
        Model model;
        try { model = Build(json, weights); }
        catch (Exception e) when (e is KerasConfigException or ArgumentException or LayerConfigurationException)
        {
            throw new FixtureException(fixture.Name, fixture.ModelFile, null, e.Message);
        }
        var owners = new Dictionary<Variable, CellWeight>();
        foreach (var cell in model.Layers.SelectMany(CellsOf))
        {
            owners[cell.Kernel] = new CellWeight(cell, "kernel");
            owners[cell.RecurrentKernel] = new CellWeight(cell, "recurrent_kernel");
            if (cell.Bias is not null) owners[cell.Bias] = new CellWeight(cell, "bias");
        }
        var cellWeights = model.Weights.Select(v => owners.GetValueOrDefault(v)).ToList();
        var runs = new List<IReadOnlyList<Tensor>>();
        for (int r = 0; r < fixture.Runs.Count; r++)
            runs.Add(fixture.Runs[r].Inputs.Select((x, i) => CaseReader.LoadArray(fixture, x.File, $"runs[{r}].inputs[{i}].file").ToTensor()).ToList());
        return new CaseModel(fixture, json, weights, cellWeights, runs, fixture.Runs.Select(r => r.ResetStates).ToList());
    }

    static IEnumerable<RecurrentCell> CellsOf(Layer layer) => layer switch
    {
        RecurrentLayer r => [r.Cell],
        Bidirectional b => [b.Forward.Cell, b.Backward.Cell],
        TimeDistributed t => CellsOf(t.Layer),
        _ => [],
    };

    static Model Build(string json, IReadOnlyList<Tensor> weights)
    {
        Keras.ClearSession();
        var model = ModelLoader.FromJson(json);
        model.SetWeights(weights);
        return model;
    }

    /// <summary>A fresh model built from the case's config and <see cref="Weights"/>.</summary>
    public Model BuildModel() => Build(ModelJson, Weights);

    /// <summary>The case's model.json as a mutable tree, for variants that change the config.</summary>
    public JsonNode ConfigTree() => JsonNode.Parse(ModelJson)!;

    /// <summary>
    /// Runs every run of the case through a model built from <paramref name="json"/> with
    /// <paramref name="weights"/> (default: the case's), in order on one instance so stateful layers
    /// carry state as the case says; <paramref name="transformInputs"/> may rewrite each run's inputs.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<Tensor>> Run(string? json = null, IReadOnlyList<Tensor>? weights = null,
        Func<IReadOnlyList<Tensor>, IReadOnlyList<Tensor>>? transformInputs = null, Func<Model, IReadOnlyList<Tensor>, IReadOnlyList<Tensor>>? call = null)
    {
        var model = Build(json ?? ModelJson, weights ?? Weights);
        var outputs = new List<IReadOnlyList<Tensor>>();
        for (int r = 0; r < RunInputs.Count; r++)
        {
            if (ResetStates[r]) model.ResetStates();
            var inputs = transformInputs is null ? RunInputs[r] : transformInputs(RunInputs[r]);
            outputs.Add(call is null ? model.Call(inputs) : call(model, inputs));
        }
        return outputs;
    }

    /// <summary>The same case with other weights (get_weights() order), e.g. a C# side made wrong on purpose.</summary>
    public CaseModel WithWeights(IReadOnlyList<Tensor> weights) =>
        new(Fixture, ModelJson, weights, CellWeights, RunInputs, ResetStates);

    /// <summary>A copy of the case's weights, for a variant to change.</summary>
    public List<Tensor> CopyWeights() => Weights.Select(w => new Tensor((int[])w.Shape.Clone(), (float[])w.Data.Clone())).ToList();
}
