using System.Text.Json.Nodes;

namespace RnnParity.Diagnosis.Mistakes;

/// <summary>Finds layer configs anywhere in a model.json tree (inside Bidirectional, TimeDistributed, nested models).</summary>
internal static class ConfigWalk
{
    /// <summary>Every <c>{"class_name": ..., "config": {...}}</c> object whose class is one of <paramref name="classNames"/>.</summary>
    public static IEnumerable<JsonObject> LayerConfigs(JsonNode root, params string[] classNames) =>
        Objects(root).Where(o => o["class_name"] is JsonValue v && v.TryGetValue(out string? name) && classNames.Contains(name))
            .Select(o => o["config"]).OfType<JsonObject>();

    /// <summary>Every object in the tree, parents before their children.</summary>
    public static IEnumerable<JsonObject> Objects(JsonNode root)
    {
        var stack = new Stack<JsonNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            JsonNode node = stack.Pop();
            if (node is JsonObject obj)
            {
                yield return obj;
                foreach (var (_, child) in obj) if (child is not null) stack.Push(child);
            }
            else if (node is JsonArray array)
                foreach (var child in array) if (child is not null) stack.Push(child);
        }
    }
}
