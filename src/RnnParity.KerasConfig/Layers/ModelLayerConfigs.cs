namespace RnnParity.KerasConfig;

/// <summary>
/// Models inside models: a <c>Sequential</c> or <c>Functional</c> entry among a model's <c>layers</c>
/// (or as <c>TimeDistributed</c>'s <c>layer</c>) is loaded as a model and used as a layer.
/// </summary>
internal static class ModelLayerConfigs
{
    public static void Register(Action<string, LayerBuilder> add)
    {
        add("Sequential", (config, _) => ModelLoader.LoadSequential(config).AsLayer());
        add("Functional", (config, _) => ModelLoader.LoadFunctional(config).AsLayer());
    }
}
