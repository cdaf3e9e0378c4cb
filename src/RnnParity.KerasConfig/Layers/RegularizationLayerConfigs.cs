using RnnParity.Layers.Regularization;

namespace RnnParity.KerasConfig;

/// <summary>Keras's <c>layers/regularization</c>: layers that act only in training, identities at inference.</summary>
internal static class RegularizationLayerConfigs
{
    public static void Register(Action<string, LayerBuilder> add)
    {
        add("Dropout", (config, name) => new Dropout(config.Get("rate").Double(), name));
        add("SpatialDropout1D", (config, name) => new SpatialDropout1D(config.Get("rate").Double(), name));
        add("GaussianNoise", (config, name) => new GaussianNoise(config.Get("stddev").Double(), name));
        add("GaussianDropout", (config, name) => new GaussianDropout(config.Get("rate").Double(), name));
        add("AlphaDropout", (config, name) => new AlphaDropout(config.Get("rate").Double(), name));
        add("ActivityRegularization", (config, name) => new ActivityRegularization(config.GetDouble("l1", 0.0), config.GetDouble("l2", 0.0), name));
    }
}
