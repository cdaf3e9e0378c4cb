using System.Text.Json.Nodes;

namespace RnnParity.Tests.KerasConfig.Layers;

/// <summary>A Keras-3-shaped Sequential <c>model.json</c> (InputLayer + one layer), as <c>model.to_json()</c> writes it.</summary>
internal static class KerasJson
{
    public static string Sequential(int?[] batchShape, string className, JsonObject config)
    {
        config["name"] ??= "layer_under_test";
        config["trainable"] = true;
        config["dtype"] = JsonNode.Parse("""{"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null}""");
        var shape = new JsonArray(batchShape.Select(d => (JsonNode?)(d is int v ? JsonValue.Create(v) : null)).ToArray());
        var model = new JsonObject
        {
            ["module"] = "keras",
            ["class_name"] = "Sequential",
            ["config"] = new JsonObject
            {
                ["name"] = "sequential",
                ["trainable"] = true,
                ["layers"] = new JsonArray(
                    new JsonObject
                    {
                        ["module"] = "keras.layers",
                        ["class_name"] = "InputLayer",
                        ["config"] = new JsonObject { ["batch_shape"] = shape, ["dtype"] = "float32", ["sparse"] = false, ["ragged"] = false, ["name"] = "input_layer" },
                        ["registered_name"] = null,
                    },
                    new JsonObject
                    {
                        ["module"] = "keras.layers",
                        ["class_name"] = className,
                        ["config"] = config,
                        ["registered_name"] = null,
                        ["build_config"] = new JsonObject { ["input_shape"] = shape.DeepClone() },
                    }),
            },
            ["registered_name"] = null,
        };
        return model.ToJsonString();
    }
}
