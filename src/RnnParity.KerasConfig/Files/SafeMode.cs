using System.Text.Json.Nodes;

namespace RnnParity.KerasConfig.Files;

/// <summary>
/// Keras's <c>safe_mode</c>, made unconditional: a model file that carries code is refused before
/// anything is built, and the code is never executed (nor could it be: it is Python bytecode). That
/// covers <c>Lambda</c> layers (Keras 3 <c>__lambda__</c> configs; Keras 2 marshalled functions),
/// tf.keras's <c>TFOpLambda</c>/<c>SlicingOpLambda</c> (TensorFlow ops recorded as layers), and
/// any <c>function</c>-typed object (a Python function referenced from the config).
/// </summary>
public static class SafeMode
{
    static readonly HashSet<string> CodeLayers = new(StringComparer.Ordinal) { "Lambda", "TFOpLambda", "SlicingOpLambda" };
    static readonly HashSet<string> CodeObjects = new(StringComparer.Ordinal) { "__lambda__", "function", "__function__" };

    /// <summary>
    /// Parts of a saved config that describe training (<c>compile_config</c>: losses, metrics,
    /// optimizer), never deserialised here because nothing is compiled: a custom loss function in them
    /// is not run, so it does not make the model unsafe.
    /// </summary>
    static readonly HashSet<string> NotLoaded = new(StringComparer.Ordinal) { "compile_config", "training_config" };

    /// <exception cref="ModelFileException">the config carries code; names the layer and where it is.</exception>
    public static void Check(JsonNode? root, string file)
    {
        if (root is JsonObject o)
        {
            foreach (var (key, value) in o)
                if (!NotLoaded.Contains(key)) Walk(value, key, null, file, 1);
            return;
        }
        Walk(root, "", null, file, 0);
    }

    static void Walk(JsonNode? node, string path, string? layer, string file, int depth)
    {
        if (depth > 256) throw new ModelFileException(file, $"the config nests deeper than 256 levels at '{path}'");
        switch (node)
        {
            case JsonObject o:
                string? className = o["class_name"] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
                string? name = o["config"] is JsonObject c && c["name"] is JsonValue n && n.TryGetValue(out string? ns) ? ns
                    : o["name"] is JsonValue n2 && n2.TryGetValue(out string? ns2) ? ns2 : null;
                if (className is not null && CodeLayers.Contains(className))
                    throw new ModelFileException(file, $"a {className} layer at '{Field(path)}' carries Python code, which is never run; refused as Keras's safe_mode refuses it (rebuild the model without {className} layers)", name ?? layer);
                if (className is not null && CodeObjects.Contains(className))
                    throw new ModelFileException(file, $"'{Field(path)}' is a serialised Python function ('{className}'), which is never run; refused as Keras's safe_mode refuses it", layer);
                if (o.ContainsKey("function_type"))
                    throw new ModelFileException(file, $"'{Field(path)}' holds a Keras 2 marshalled function (function_type); refused as Keras's safe_mode refuses it", name ?? layer);
                string? inner = className is not null && name is not null ? name : layer;
                foreach (var (key, value) in o) Walk(value, path.Length == 0 ? key : $"{path}.{key}", inner, file, depth + 1);
                break;
            case JsonArray a:
                for (int i = 0; i < a.Count; i++) Walk(a[i], $"{path}[{i}]", layer, file, depth + 1);
                break;
        }
    }

    static string Field(string path) => path.Length == 0 ? "(root)" : path;
}
