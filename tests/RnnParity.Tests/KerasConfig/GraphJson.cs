using System.Text.Json.Nodes;

namespace RnnParity.Tests.KerasConfig;

/// <summary>
/// Functional model JSON written the way Keras 3.15 writes it (<c>model.to_json()</c>): layers with
/// <c>module</c>, <c>class_name</c>, <c>config</c>, <c>registered_name</c>, and <c>inbound_nodes</c> of
/// <c>{"args": [...], "kwargs": {...}}</c> whose tensors are <c>__keras_tensor__</c> objects.
/// </summary>
internal static class GraphJson
{
    public static JsonObject Tensor(string layer, int node = 0, int index = 0, string dtype = "float32") => new()
    {
        ["class_name"] = "__keras_tensor__",
        ["config"] = new JsonObject { ["shape"] = new JsonArray(), ["dtype"] = dtype, ["keras_history"] = new JsonArray(layer, node, index) },
    };

    public static JsonObject Node(JsonArray args, JsonObject? kwargs = null) => new() { ["args"] = args, ["kwargs"] = kwargs ?? new JsonObject() };

    public static JsonObject Input(string name, params int?[] batchShape) => new()
    {
        ["module"] = "keras.layers",
        ["class_name"] = "InputLayer",
        ["config"] = new JsonObject
        {
            ["batch_shape"] = new JsonArray(batchShape.Select(d => (JsonNode?)(d is int v ? JsonValue.Create(v) : null)).ToArray()),
            ["dtype"] = "float32", ["sparse"] = false, ["ragged"] = false, ["name"] = name,
        },
        ["registered_name"] = null,
        ["name"] = name,
        ["inbound_nodes"] = new JsonArray(),
    };

    public static JsonObject Layer(string className, JsonObject config, params JsonObject[] nodes) =>
        Entry("keras.layers", className, null, config, nodes);

    /// <summary>A <c>keras.ops</c> call as Keras records it: module <c>keras.src.ops.numpy</c>, registered under its bare class name.</summary>
    public static JsonObject Op(string className, JsonObject config, params JsonObject[] nodes) =>
        Entry("keras.src.ops.numpy", className, className, config, nodes);

    static JsonObject Entry(string module, string className, string? registered, JsonObject config, JsonObject[] nodes) => new()
    {
        ["module"] = module,
        ["class_name"] = className,
        ["config"] = config,
        ["registered_name"] = registered,
        ["name"] = config["name"]!.GetValue<string>(),
        ["inbound_nodes"] = new JsonArray(nodes.Select(n => (JsonNode)n).ToArray()),
    };

    public static string Model(IEnumerable<JsonObject> layers, IEnumerable<string> inputs, IEnumerable<(string Layer, int Index)> outputs) => new JsonObject
    {
        ["module"] = "keras.src.models.functional",
        ["class_name"] = "Functional",
        ["config"] = new JsonObject
        {
            ["name"] = "functional",
            ["trainable"] = true,
            ["layers"] = new JsonArray(layers.Select(l => (JsonNode)l).ToArray()),
            ["input_layers"] = new JsonArray(inputs.Select(i => (JsonNode)new JsonArray(i, 0, 0)).ToArray()),
            ["output_layers"] = new JsonArray(outputs.Select(o => (JsonNode)new JsonArray(o.Layer, 0, o.Index)).ToArray()),
        },
        ["registered_name"] = "Functional",
    }.ToJsonString();
}
