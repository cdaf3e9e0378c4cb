namespace RnnParity.Layers;

/// <summary>A layer cannot be built or called as configured; names the layer and the option at fault.</summary>
public class LayerConfigurationException(string layer, string className, string option, string message)
    : Exception($"layer '{layer}' ({className}): {option}: {message}")
{
    public string Layer { get; } = layer;

    public string ClassName { get; } = className;

    public string Option { get; } = option;
}

/// <summary>A Keras feature this project does not implement yet; never answered with a wrong result.</summary>
public sealed class NotSupportedYetException(string layer, string className, string option, string message)
    : LayerConfigurationException(layer, className, option, $"not supported yet: {message}");
