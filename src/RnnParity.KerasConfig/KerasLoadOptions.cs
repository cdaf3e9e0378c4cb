using RnnParity.KerasConfig.Files;

namespace RnnParity.KerasConfig;

/// <summary>How <see cref="KerasModel.Load"/> reads a model file.</summary>
public sealed record KerasLoadOptions
{
    /// <summary>
    /// Give a file written by Keras &lt; 3 Keras 3's meaning of <c>hard_sigmoid</c> (relu6(x + 3) / 6),
    /// as Keras 3's own <c>load_model</c> does, instead of Keras 2's clip(0.2x + 0.5, 0, 1) that the
    /// model was trained with (the default).
    /// </summary>
    public bool Keras3Activations { get; init; }

    /// <summary>Bounds on what the file may make the reader allocate.</summary>
    public ReadLimits Limits { get; init; } = ReadLimits.Default;
}
