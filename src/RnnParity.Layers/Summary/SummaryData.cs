namespace RnnParity.Layers.Summary;

/// <summary>
/// One row of a model summary (one layer / operation), already resolved to plain data.
/// </summary>
/// <param name="Name">Layer name, e.g. <c>simple_rnn</c>.</param>
/// <param name="ClassName">Layer class name, e.g. <c>SimpleRNN</c>.</param>
/// <param name="OutputShapes">
/// The layer's output shapes (one entry per output tensor; <c>null</c> dims are the batch/unknown dims).
/// One entry prints as <c>(None, 3)</c>; several print as a list <c>[(None, 5, 3), (None, 3)]</c>.
/// <c>null</c> or empty prints as <c>?</c> (Keras 3: a layer that was never called or built).
/// </param>
/// <param name="Params">Parameter count of the layer.</param>
/// <param name="ConnectedTo">
/// For non-sequential-like (Functional) models: the inbound tensors as <c>"layer[node][tensor]"</c>,
/// in call order (positional args first, then keyword args). Empty for input layers.
/// <c>null</c> for sequential-like models (the column is not printed).
/// </param>
public sealed record SummaryRow(
    string Name,
    string ClassName,
    IReadOnlyList<IReadOnlyList<int?>>? OutputShapes,
    long Params,
    IReadOnlyList<string>? ConnectedTo = null);

/// <summary>
/// Everything <see cref="SummaryFormatter"/> needs to print a model summary. A pure data record:
/// it does not reference model or layer classes.
/// </summary>
/// <param name="ModelName">Model name printed in the <c>Model: "..."</c> line.</param>
/// <param name="Rows">Rows in display order (Keras 3 Sequential: <c>model.layers</c>, without the InputLayer;
/// Functional: <c>model._operations</c>, with the InputLayers).</param>
/// <param name="SequentialLike">True for Sequential / subclassed / chain-shaped Functional models
/// (three columns); false adds the "Connected to" column.</param>
/// <param name="TotalParams">Total parameter count (trainable + non-trainable).</param>
/// <param name="TrainableParams">Trainable parameter count.</param>
/// <param name="NonTrainableParams">Non-trainable parameter count.</param>
/// <param name="TrainableBytes">Memory of the trainable weights in bytes (float32: 4 per parameter).</param>
/// <param name="NonTrainableBytes">Memory of the non-trainable weights in bytes.</param>
public sealed record SummaryData(
    string ModelName,
    IReadOnlyList<SummaryRow> Rows,
    bool SequentialLike,
    long TotalParams,
    long TrainableParams,
    long NonTrainableParams,
    long TrainableBytes,
    long NonTrainableBytes)
{
    /// <summary>Builds the data for float32 weights (4 bytes per parameter), total = trainable + non-trainable.</summary>
    public static SummaryData ForFloat32(
        string modelName, IReadOnlyList<SummaryRow> rows, bool sequentialLike, long trainableParams, long nonTrainableParams)
        => new(modelName, rows, sequentialLike,
            trainableParams + nonTrainableParams, trainableParams, nonTrainableParams,
            trainableParams * 4, nonTrainableParams * 4);
}

/// <summary>Which Keras version's <c>model.summary()</c> layout to reproduce.</summary>
public enum SummaryStyle
{
    /// <summary>Keras 3 (checked against 3.15.1): a <c>rich</c> table with HEAVY_HEAD box, params with memory size.</summary>
    Keras3,

    /// <summary>
    /// tf.keras 2.9–2.12 <c>print_summary</c> (keras/utils/layer_utils.py): fixed-position columns, one leading
    /// space per row, a blank (all-space) line after each layer, totals with thousands separators and no memory size.
    /// </summary>
    Keras2,

    /// <summary>
    /// Standalone Keras 2.0–2.2.4 <c>print_summary</c>: no <c>Model:</c> line, no leading space, <c>_</c> rule between
    /// layers, <c>=</c> rule after the last one (the layout shown in the RNN tutorial notes).
    /// </summary>
    Keras2Legacy,
}
