using System.Text.Json.Nodes;
using RnnParity.Layers.Summary;

namespace RnnParity.Tests.Layers.Summary;

/// <summary>
/// One test per Keras reference case in <c>fixtures/keras/*/</c>: the <see cref="SummaryData"/> is built from
/// <c>case.json</c> (<c>expected</c>) and <c>model.json</c>, and the formatted text must equal <c>summary.txt</c>.
/// </summary>
[TestFixture]
public sealed class SummaryReferenceTests
{
    public static IEnumerable<TestCaseData> Cases()
    {
        string root = Path.Combine(RepoPaths.Root, "fixtures", "keras");
        foreach (string dir in Directory.GetDirectories(root).OrderBy(d => d, StringComparer.Ordinal))
        {
            if (File.Exists(Path.Combine(dir, "summary.txt")) && File.Exists(Path.Combine(dir, "case.json")))
            {
                yield return new TestCaseData(Path.GetFileName(dir)).SetName($"Summary_matches_keras({Path.GetFileName(dir)})");
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Summary_matches_keras(string caseName)
    {
        string dir = Path.Combine(RepoPaths.Root, "fixtures", "keras", caseName);
        var (data, lineLength) = LoadCase(dir);
        string expected = Normalise(File.ReadAllText(Path.Combine(dir, "summary.txt")));

        Assert.That(SummaryFormatter.DefaultLineLength(data.SequentialLike, SummaryStyle.Keras3), Is.EqualTo(lineLength));
        string actual = SummaryFormatter.Format(data);
        Assert.That(actual, Is.EqualTo(expected));
        Assert.That(SummaryFormatter.Format(data, lineLength), Is.EqualTo(expected));
    }

    [Test]
    public void All_eighteen_reference_cases_are_present()
    {
        Assert.That(Cases().Count(), Is.GreaterThanOrEqualTo(18));
    }

    internal static (SummaryData Data, int LineLength) LoadCase(string dir)
    {
        JsonNode caseJson = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "case.json")))!;
        JsonNode model = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "model.json")))!;
        JsonNode expected = caseJson["expected"]!;
        int lineLength = expected["summary_line_length"]!.GetValue<int>();

        bool sequentialLike = model["class_name"]!.GetValue<string>() == "Sequential" || lineLength == 88;
        string modelName = model["config"]!["name"]!.GetValue<string>();

        var layerConfigs = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (JsonNode? layer in model["config"]!["layers"]!.AsArray())
        {
            string? name = layer!["name"]?.GetValue<string>() ?? layer["config"]?["name"]?.GetValue<string>();
            if (name is not null)
            {
                layerConfigs[name] = layer;
            }
        }

        var rows = new List<SummaryRow>();
        foreach (JsonNode? layer in expected["layers"]!.AsArray())
        {
            string name = layer!["name"]!.GetValue<string>();
            var shapes = layer["output_shapes"]!.AsArray()
                .Select(s => (IReadOnlyList<int?>)s!.AsArray().Select(d => d is null ? (int?)null : d.GetValue<int>()).ToList())
                .ToList();
            List<string>? connectedTo = null;
            if (!sequentialLike)
            {
                connectedTo = [];
                if (layerConfigs.TryGetValue(name, out JsonNode? config) && config["inbound_nodes"] is JsonArray nodes)
                {
                    foreach (JsonNode? node in nodes)
                    {
                        CollectKerasHistory(node!["args"], connectedTo);
                        CollectKerasHistory(node["kwargs"], connectedTo);
                    }
                }
            }

            rows.Add(new SummaryRow(name, layer["class_name"]!.GetValue<string>(), shapes, layer["params"]!.GetValue<long>(), connectedTo));
        }

        long trainable = expected["trainable_params"]!.GetValue<long>();
        long nonTrainable = expected["non_trainable_params"]!.GetValue<long>();
        long total = expected["total_params"]!.GetValue<long>();
        var data = new SummaryData(modelName, rows, sequentialLike, total, trainable, nonTrainable, trainable * 4, nonTrainable * 4);
        return (data, lineLength);
    }

    /// <summary>Depth-first, in document order: every <c>__keras_tensor__</c>'s <c>keras_history</c> as <c>layer[node][tensor]</c>.</summary>
    private static void CollectKerasHistory(JsonNode? node, List<string> into)
    {
        switch (node)
        {
            case JsonObject obj when obj["class_name"]?.GetValue<string>() == "__keras_tensor__":
                JsonArray history = obj["config"]!["keras_history"]!.AsArray();
                into.Add($"{history[0]!.GetValue<string>()}[{history[1]!.GetValue<int>()}][{history[2]!.GetValue<int>()}]");
                break;
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    CollectKerasHistory(value, into);
                }

                break;
            case JsonArray array:
                foreach (JsonNode? item in array)
                {
                    CollectKerasHistory(item, into);
                }

                break;
        }
    }

    internal static string Normalise(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n');
}
