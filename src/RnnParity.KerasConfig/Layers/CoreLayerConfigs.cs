using System.Text.Json;
using RnnParity.Layers.Basic;

namespace RnnParity.KerasConfig;

/// <summary>Keras's <c>layers/core</c>: InputLayer, Dense, Embedding, Masking.</summary>
internal static class CoreLayerConfigs
{
    public static void Register(Action<string, LayerBuilder> add)
    {
        add("InputLayer", CreateInput);
        add("Dense", CreateDense);
        add("Embedding", CreateEmbedding);
        add("Masking", (config, name) => new Masking(config.GetDouble("mask_value", 0.0), name));
    }

    static InputLayer CreateInput(ConfigNode config, string? name)
    {
        ConfigNode shape = config.Optional("batch_shape") ?? config.Optional("batch_input_shape")
            ?? throw config.Fail("InputLayer needs 'batch_shape' (Keras 3) or 'batch_input_shape' (Keras 2)");
        if (config.GetBool("sparse", false) || config.GetBool("ragged", false))
            throw config.Fail($"InputLayer '{name}': sparse and ragged inputs are not supported yet");
        string dtype = config.Optional("dtype") is { Kind: JsonValueKind.String } d ? d.String() : "float32";
        return new InputLayer(shape.Shape(), dtype, name);
    }

    static Dense CreateDense(ConfigNode config, string? name)
    {
        ConfigChecks.NoLora(config, "Dense", name);
        return new Dense(config.GetInt("units", min: 1), ConfigChecks.Activation(config, "activation", "linear"), config.GetBool("use_bias", true), name);
    }

    static Embedding CreateEmbedding(ConfigNode config, string? name)
    {
        ConfigChecks.NoLora(config, "Embedding", name);
        int? length = config.Optional("input_length")?.Int(min: 1);
        return new Embedding(config.GetInt("input_dim", min: 1), config.GetInt("output_dim", min: 1), config.GetBool("mask_zero", false), length, name);
    }
}
