using RnnParity.Layers.Summary;

namespace RnnParity.Layers.Models;

/// <summary>Turns a model into the data <see cref="SummaryFormatter"/> prints, as Keras's <c>model.summary()</c> walks it.</summary>
public static class ModelSummary
{
    public static SummaryData Describe(Model model)
    {
        var functional = model as Functional;
        bool sequentialLike = functional?.IsSequentialLike ?? true;
        // Keras lists a functional model's operations too (summary_utils: model._operations).
        var layers = functional?.Operations ?? model.Layers;
        var rows = layers.Select(l => new SummaryRow(
            l.Name, l.ClassName,
            l.OutputShapes.Count == 0 ? null : l.OutputShapes.Select(s => (IReadOnlyList<int?>)s).ToList(),
            l.CountParams(),
            sequentialLike ? null : functional!.ConnectedTo(l))).ToList();
        return SummaryData.ForFloat32(model.Name, rows, sequentialLike, model.TrainableParams, model.NonTrainableParams);
    }

    /// <summary>The summary text; <paramref name="lineLength"/> defaults to Keras's width for the model kind (88 or 108).</summary>
    public static string Text(Model model, int? lineLength = null, SummaryStyle style = SummaryStyle.Keras3) =>
        SummaryFormatter.Format(Describe(model), lineLength, style);
}
