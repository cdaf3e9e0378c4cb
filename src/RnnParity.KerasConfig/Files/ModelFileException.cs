namespace RnnParity.KerasConfig.Files;

/// <summary>
/// A model file that cannot be loaded: unreadable, corrupt, unsafe, or not matching its own config.
/// The message names the file and, when known, the layer and the weight at fault.
/// </summary>
public sealed class ModelFileException(string file, string message, string? layer = null, string? weight = null, Exception? inner = null)
    : Exception(Compose(file, message, layer, weight), inner)
{
    public string File { get; } = file;

    public string? Layer { get; } = layer;

    public string? Weight { get; } = weight;

    /// <summary>The reason alone, without the file, layer and weight.</summary>
    public string Detail { get; } = message;

    static string Compose(string file, string message, string? layer, string? weight)
    {
        string where = layer is null ? "" : weight is null ? $" layer '{layer}':" : $" layer '{layer}', weight '{weight}':";
        return $"{file}:{where} {message}";
    }
}
