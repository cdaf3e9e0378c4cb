using System.Text.Json.Nodes;
using RnnParity.Core.Tensors;
using RnnParity.Fixtures.Format;
using RnnParity.KerasConfig;
using RnnParity.Tests.Layers;

namespace RnnParity.Tests.KerasConfig;

/// <summary>
/// <see cref="ModelLoader.FromJson"/> on every Keras reference <c>model.json</c> (structure against the case's
/// <c>expected</c>), and on broken variants of them (errors name the field, the layer and the option).
/// </summary>
[TestFixture]
public sealed class ModelLoaderTests
{
    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    public static IEnumerable<TestCaseData> ReferenceCases() =>
        RepoPaths.KerasCaseNames().Select(n => new TestCaseData(n).SetName($"Reference_model_loads_as_expected({n})"));

    [Test]
    public void There_are_reference_cases_to_load()
    {
        Assert.That(RepoPaths.KerasCaseNames().Count(), Is.GreaterThanOrEqualTo(18));
    }

    [TestCaseSource(nameof(ReferenceCases))]
    public void Reference_model_loads_as_expected(string caseName)
    {
        var c = CaseReader.Load(RepoPaths.KerasCase(caseName));
        var model = ModelLoader.FromJson(File.ReadAllText(c.PathOf(c.ModelFile)));
        var expected = c.Expected;

        Assert.That(model.Layers.Select(l => l.Name), Is.EqualTo(expected.Layers.Select(l => l.Name)), "names");
        Assert.That(model.Layers.Select(l => l.ClassName), Is.EqualTo(expected.Layers.Select(l => l.ClassName)), "classes");
        Assert.That(model.Layers.Select(l => string.Join(" ", l.OutputShapes.Select(ShapeUtil.Format))),
            Is.EqualTo(expected.Layers.Select(l => string.Join(" ", l.OutputShapes.Select(ShapeUtil.Format)))), "layer output shapes");
        Assert.That(model.Layers.Select(l => l.CountParams()), Is.EqualTo(expected.Layers.Select(l => l.Params)), "params");
        Assert.That(model.OutputShapes.Select(ShapeUtil.Format), Is.EqualTo(expected.OutputShapes.Select(ShapeUtil.Format)), "model output shapes");
        Assert.That(model.CountParams(), Is.EqualTo(expected.TotalParams));
        Assert.That(model.TrainableParams, Is.EqualTo(expected.TrainableParams));
    }

    static JsonNode ModelJson(string caseName) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.KerasCase(caseName), "model.json")))!;

    static KerasConfigException Refused(JsonNode json) =>
        Assert.Throws<KerasConfigException>(() => ModelLoader.FromJson(json.ToJsonString()))!;

    /// <summary>seed_simple_rnn_last: Sequential [InputLayer, SimpleRNN 'simple_rnn'].</summary>
    static JsonNode SimpleRnnConfig(JsonNode model) => model["config"]!["layers"]![1]!["config"]!;

    [Test]
    public void Malformed_json_is_refused_with_its_line()
    {
        string json = "{\n  \"class_name\": \"Sequential\",\n  \"config\": ]\n}";
        var e = Assert.Throws<KerasConfigException>(() => ModelLoader.FromJson(json))!;
        Assert.That(e.Field, Does.StartWith("line 3,"));
        Assert.That(e.Message, Does.Contain("malformed JSON"));
    }

    [Test]
    public void Unknown_layer_class_is_not_supported_yet_and_named()
    {
        var json = ModelJson("seed_simple_rnn_last");
        json["config"]!["layers"]![1]!["class_name"] = "SeparableConv2D";
        var e = Refused(json);
        Assert.That(e.Message, Does.Contain("not supported yet"));
        Assert.That(e.Message, Does.Contain("SeparableConv2D"));
        Assert.That(e.Message, Does.Contain("'simple_rnn'"));
        Assert.That(e.Field, Is.EqualTo("config.layers[1].class_name"));
    }

    [Test]
    public void Unknown_activation_names_the_layer_and_the_option()
    {
        var json = ModelJson("seed_simple_rnn_last");
        SimpleRnnConfig(json)["activation"] = "swishy";
        var e = Refused(json);
        Assert.That(e.Message, Does.Contain("'simple_rnn'"));
        Assert.That(e.Message, Does.Contain("activation"));
        Assert.That(e.Message, Does.Contain("'swishy'"));
    }

    [Test]
    public void Unknown_recurrent_activation_names_that_option()
    {
        var json = ModelJson("lstm_sequences");
        var lstm = json["config"]!["layers"]!.AsArray().First(l => l!["class_name"]!.GetValue<string>() == "LSTM")!;
        lstm["config"]!["recurrent_activation"] = "swishy";
        var e = Refused(json);
        Assert.That(e.Message, Does.Contain("recurrent_activation"));
        Assert.That(e.Message, Does.Contain("'swishy'"));
    }

    [TestCase("mixed_float16")]
    [TestCase("float64")]
    public void Non_float32_dtype_policy_is_refused(string policy)
    {
        var json = ModelJson("seed_simple_rnn_last");
        SimpleRnnConfig(json)["dtype"]!["config"]!["name"] = policy;
        var e = Refused(json);
        Assert.That(e.Message, Does.Contain(policy));
        Assert.That(e.Message, Does.Contain("simple_rnn"));
    }

    [Test]
    public void Non_float32_dtype_given_as_a_plain_string_is_refused()
    {
        var json = ModelJson("seed_simple_rnn_last");
        SimpleRnnConfig(json)["dtype"] = "bfloat16";
        Assert.That(Refused(json).Message, Does.Contain("bfloat16"));
    }

    [Test]
    public void Missing_units_names_the_field_path()
    {
        var json = ModelJson("seed_simple_rnn_last");
        SimpleRnnConfig(json).AsObject().Remove("units");
        var e = Refused(json);
        Assert.That(e.Field, Is.EqualTo("config.layers[1].config.units"));
        Assert.That(e.Message, Does.Contain("config.layers[1].config.units"));
    }

    [Test]
    public void Keras_history_to_an_unknown_layer_names_the_field_path()
    {
        var json = ModelJson("simple_rnn_initial_state");
        var rnn = json["config"]!["layers"]![2]!;
        Assert.That(rnn["class_name"]!.GetValue<string>(), Is.EqualTo("SimpleRNN"));
        rnn["inbound_nodes"]![0]!["args"]![0]!["config"]!["keras_history"]![0] = "ghost_layer";
        var e = Refused(json);
        Assert.That(e.Field, Is.EqualTo("config.layers[2].inbound_nodes[0].args[0].config.keras_history"));
        Assert.That(e.Message, Does.Contain("config.layers[2].inbound_nodes[0].args[0].config.keras_history"));
        Assert.That(e.Message, Does.Contain("ghost_layer"));
    }

    [Test]
    public void Bidirectional_with_an_unknown_merge_mode_is_refused()
    {
        var json = ModelJson("bidirectional_simple_rnn_concat");
        var bidi = json["config"]!["layers"]![1]!;
        Assert.That(bidi["class_name"]!.GetValue<string>(), Is.EqualTo("Bidirectional"));
        bidi["config"]!["merge_mode"] = "bogus";
        var e = Refused(json);
        Assert.That(e.Field, Is.EqualTo("config.layers[1].config.merge_mode"));
        Assert.That(e.Message, Does.Contain("bogus"));
    }

    [Test]
    public void A_model_class_other_than_sequential_or_functional_is_refused()
    {
        var json = ModelJson("seed_simple_rnn_last");
        json["class_name"] = "SubclassedModel";
        var e = Refused(json);
        Assert.That(e.Field, Is.EqualTo("class_name"));
        Assert.That(e.Message, Does.Contain("SubclassedModel"));
    }
}
