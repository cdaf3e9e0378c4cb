namespace RnnParity.KerasConfig;

/// <summary>
/// A Keras model config that cannot be turned into layers; <see cref="Field"/> is the JSON path
/// (<c>config.layers[1].config.units</c>) of the value at fault.
/// </summary>
public class KerasConfigException(string field, string message, Exception? inner = null)
    : Exception($"field '{field}': {message}", inner)
{
    public string Field { get; } = field;
}
