using RnnParity.KerasConfig.Files;
using RnnParity.Layers.Models;
using RnnParity.Layers.Summary;

namespace RnnParity.KerasConfig;

/// <summary>A model read from a Keras file, with what was learned from the file.</summary>
public sealed class LoadedKerasModel
{
    internal LoadedKerasModel(Model model, string path, ModelFileFormat format, string? kerasVersion, string? backend,
        IReadOnlyList<string> keras2Semantics, IReadOnlyList<string> notes)
    {
        Model = model;
        Path = path;
        Format = format;
        KerasVersion = kerasVersion;
        Backend = backend;
        Keras2Semantics = keras2Semantics;
        Notes = notes;
    }

    /// <summary>The same objects <see cref="ModelLoader.FromJson"/> builds, with the file's weights set.</summary>
    public Model Model { get; }

    public string Path { get; }

    public ModelFileFormat Format { get; }

    /// <summary>The Keras version that wrote the file (<c>keras_version</c>), or null when the file does not say.</summary>
    public string? KerasVersion { get; }

    /// <summary>The backend that wrote the file (<c>tensorflow</c>, <c>jax</c>, ...), when the file says.</summary>
    public string? Backend { get; }

    /// <summary>
    /// Where the model computes with Keras 2's meaning of an option that Keras 3 changed, as
    /// <c>layer.option</c> (today: <c>hard_sigmoid</c>, clip(0.2x + 0.5, 0, 1)); empty for Keras 3 files
    /// and when loaded with <see cref="KerasLoadOptions.Keras3Activations"/>.
    /// </summary>
    public IReadOnlyList<string> Keras2Semantics { get; }

    /// <summary>What the loader did that a user should know (one line each).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>
    /// Keras's summary table of the model, followed by the notes when there are any; the text is exactly
    /// <see cref="ModelSummary.Text"/> for a model loaded without notes.
    /// </summary>
    public string Summary(int? lineLength = null, SummaryStyle style = SummaryStyle.Keras3)
    {
        string table = ModelSummary.Text(Model, lineLength, style);
        if (Notes.Count == 0) return table;
        return table.TrimEnd('\n') + "\n" + string.Concat(Notes.Select(n => $"Note: {n}\n"));
    }
}
