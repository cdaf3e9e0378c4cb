using RnnParity.Layers.Graph;
using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Models;

/// <summary>
/// A <see cref="Sequential"/> or <see cref="Functional"/> model used as a layer of another model (or
/// inside <c>TimeDistributed</c>), as Keras allows since a Keras model is a layer. The summary shows
/// it as Keras does: its name, its class name (<c>Sequential</c>/<c>Functional</c>) and all its
/// parameters; its weights follow in the outer <c>get_weights()</c> order where it stands, in its
/// own order. Masks flow in and out as through its layers.
/// </summary>
public sealed class ModelLayer : Layer
{
    /// <summary>Use <see cref="Model.AsLayer"/>: one model is one layer, however often it is called.</summary>
    internal ModelLayer(Model model) : base(model.Name) => Model = model;

    public Model Model { get; }

    public override string ClassName => Model.ClassName;

    public override IReadOnlyList<Variable> Weights => Model.Weights.ToList();

    public override IEnumerable<(string Path, Variable Weight)> WeightPaths() => Model.WeightPaths();

    public override IReadOnlyList<string> CallKeywords => ["mask"];

    /// <summary>Keras's <c>Functional.call(inputs, mask=[...])</c> sets each given mask on its input; a <c>None</c> entry leaves the input's own.</summary>
    public override CallMaskStyle MaskStyle => CallMaskStyle.ModelInputs;

    /// <summary>Keras zips the flattened masks with the inputs: entries past the inputs are ignored, inputs past the entries keep their own.</summary>
    public override string? MaskListProblem(int count, int inputCount) => null;

    /// <summary>For a Sequential parent: the inner model's declared input.</summary>
    public int?[]? DeclaredInputShape => Model is Sequential { Input: { } input } ? input.BatchShape : Model is Functional f ? f.InputShapes[0] : null;

    protected override void BuildCore(IReadOnlyList<int?[]> inputShapes)
    {
        if (Model is Sequential { Input: null } sequential)
        {
            if (inputShapes.Count != 1) throw Error("inputs", $"a Sequential model takes one input, got {inputShapes.Count}.");
            sequential.BuildFor(inputShapes[0]);
        }
        var expected = Model.InputShapes;
        if (inputShapes.Count != expected.Count)
            throw Error("inputs", $"model '{Model.Name}' takes {expected.Count} input(s), got {inputShapes.Count}.");
        for (int i = 0; i < expected.Count; i++)
            if (!Compatible(expected[i], inputShapes[i]))
                throw Error("inputs", $"input {i} of model '{Model.Name}' has shape {ShapeUtil.Format(expected[i])}, got {ShapeUtil.Format(inputShapes[i])}.");
    }

    static bool Compatible(int?[] expected, int?[] given) =>
        expected.Length == given.Length && expected.Zip(given).All(p => p.First is null || p.Second is null || p.First == p.Second);

    /// <summary>The inner model's output shapes, with the batch size the caller gives.</summary>
    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes) =>
        Model.OutputShapes.Select(s => s.Length > 0 ? (int?[])[inputShapes[0].Length > 0 ? inputShapes[0][0] : s[0], .. s[1..]] : s).ToList();

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs) => Model.Call(inputs);

    public override void ResetStates() => Model.ResetStates();
}
