using System.Text.Json;
using RnnParity.Layers.Merging;

namespace RnnParity.KerasConfig;

/// <summary>Keras's <c>layers/merging</c>: the layers that take a list of inputs.</summary>
internal static class MergingLayerConfigs
{
    public static void Register(Action<string, LayerBuilder> add)
    {
        add("Concatenate", (config, name) => new Concatenate(config.Optional("axis")?.Int() ?? -1, name));
        add("Add", (_, name) => new Add(name));
        add("Subtract", (_, name) => new Subtract(name));
        add("Multiply", (_, name) => new Multiply(name));
        add("Average", (_, name) => new Average(name));
        add("Maximum", (_, name) => new Maximum(name));
        add("Minimum", (_, name) => new Minimum(name));
        add("Dot", CreateDot);
    }

    static Dot CreateDot(ConfigNode config, string? name)
    {
        ConfigNode axes = config.Get("axes");
        int[] values = axes.Kind == JsonValueKind.Number ? [axes.Int()] : axes.Items().Select(a => a.Int()).ToArray();
        if (values.Length is not (1 or 2) || (axes.Kind != JsonValueKind.Number && values.Length != 2))
            throw axes.Fail($"expected an integer or a list of two integers, got {values.Length} values");
        return new Dot(values, config.GetBool("normalize", false), name);
    }
}
