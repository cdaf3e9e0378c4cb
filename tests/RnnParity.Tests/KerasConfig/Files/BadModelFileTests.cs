using System.IO.Compression;
using System.Text;
using RnnParity.KerasConfig;
using RnnParity.KerasConfig.Files;
using RnnParity.Layers.Models;
using static RnnParity.Tests.KerasConfig.Files.ModelFileMaker;

namespace RnnParity.Tests.KerasConfig.Files;

/// <summary>
/// Broken, hostile and mismatched model files, each made here: every one is refused with a
/// <see cref="ModelFileException"/> that names the file (and the layer and weight where there is one),
/// never another exception, and never a model.
/// </summary>
[TestFixture]
public sealed class BadModelFileTests
{
    string _dir = "";

    [SetUp]
    public void SetUp()
    {
        _dir = TestFiles.NewTempFolder("bad-files");
        Keras.ClearSession();
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    /// <summary>Input(4, 2) → SimpleRNN(3) → Dense(1), as Keras 3 writes it.</summary>
    static string Config(string rnnClass = "SimpleRNN", string extraLayer = "") => """
        {"module": "keras", "class_name": "Sequential", "config": {"name": "sequential", "layers": [
          {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 4, 2], "dtype": "float32", "name": "input_layer"}},
          {"module": "keras.layers", "class_name": "RNN_CLASS", "config": {"name": "rnn", "units": 3, "activation": "tanh", "use_bias": true}},
          EXTRA_LAYER
          {"module": "keras.layers", "class_name": "Dense", "config": {"name": "dense", "units": 1, "activation": "linear", "use_bias": true}}]}}
        """.Replace("RNN_CLASS", rnnClass).Replace("EXTRA_LAYER", extraLayer);

    static Weight[] Keras3Weights() =>
    [
        new("layers/simple_rnn/cell/vars/0", Values(6, 1), 2, 3), new("layers/simple_rnn/cell/vars/1", Values(9, 2), 3, 3),
        new("layers/simple_rnn/cell/vars/2", Values(3, 3), 3), new("layers/dense/vars/0", Values(3, 4), 3, 1), new("layers/dense/vars/1", Values(1, 5), 1),
    ];

    string GoodZip()
    {
        string path = Path.Combine(_dir, "good.keras");
        WriteKerasZip(path, Config(), Keras3Weights());
        return path;
    }

    ModelFileException Refused(string path, params string[] mentions)
    {
        var e = Assert.Throws<ModelFileException>(() => KerasModel.Load(path))!;
        Assert.That(e.Message, Does.StartWith(path), "the message names the file first");
        foreach (string m in mentions) Assert.That(e.Message, Does.Contain(m));
        return e;
    }

    [Test]
    public void The_good_zip_loads()
    {
        // The baseline the bad files below are variations of.
        var loaded = KerasModel.Load(GoodZip());
        Assert.That(loaded.Format, Is.EqualTo(ModelFileFormat.KerasZip));
        Assert.That(loaded.Model.GetWeightTensors()[3].Data, Is.EqualTo(Values(3, 4)));
    }

    [Test]
    public void A_missing_file_is_refused() => Refused(Path.Combine(_dir, "nope.keras"), "does not exist");

    [Test]
    public void A_file_that_is_neither_zip_nor_hdf5_is_refused()
    {
        string path = Path.Combine(_dir, "model.h5");
        File.WriteAllText(path, "{\"class_name\": \"Sequential\"}");
        Refused(path, "not a Keras model file");
    }

    [TestCase(0.5)]
    [TestCase(0.9)]
    [TestCase(0.1)]
    public void A_truncated_zip_is_refused(double keep)
    {
        byte[] bytes = File.ReadAllBytes(GoodZip());
        string path = Path.Combine(_dir, "truncated.keras");
        File.WriteAllBytes(path, bytes[..(int)(bytes.Length * keep)]);
        Refused(path);
    }

    [Test]
    public void A_zip_with_a_corrupt_weights_entry_is_refused()
    {
        string path = Path.Combine(_dir, "corrupt.keras");
        var junk = new byte[4096];
        new Random(3).NextBytes(junk);
        byte[] h5 = [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A, .. junk];
        WriteZip(path, [("config.json", Encoding.UTF8.GetBytes(Config())), ("model.weights.h5", h5)]);
        Refused(path, "model.weights.h5");
    }

    [TestCase(0.3)]
    [TestCase(0.6)]
    [TestCase(0.95)]
    public void A_truncated_hdf5_is_refused(double keep)
    {
        string good = Path.Combine(_dir, "good.h5");
        WriteLegacyH5(good, "3.15.1", Config(), [("rnn", LegacyRnnWeights()), ("dense", LegacyDenseWeights())]);
        Assert.That(KerasModel.Load(good).Model.CountParams(), Is.EqualTo(22), "the untruncated file loads");
        byte[] bytes = File.ReadAllBytes(good);
        string path = Path.Combine(_dir, "truncated.h5");
        File.WriteAllBytes(path, bytes[..(int)(bytes.Length * keep)]);
        Refused(path);
    }

    [TestCase("../config.json")]
    [TestCase("a/../../etc/passwd")]
    [TestCase("/etc/passwd")]
    [TestCase("\\windows\\evil")]
    [TestCase("C:/evil.json")]
    public void A_zip_entry_that_escapes_its_folder_is_refused(string name)
    {
        string path = Path.Combine(_dir, "slip.keras");
        WriteZip(path, [(name, "x"u8.ToArray()), ("config.json", Encoding.UTF8.GetBytes(Config())), ("model.weights.h5", [])]);
        Refused(path, "absolute or contains '..'");
    }

    [Test]
    public void A_zip_bomb_is_refused_before_it_is_decompressed()
    {
        // 64 MiB of zeros deflate to ~64 KiB: a ratio near 1000:1, which Keras never writes.
        string path = Path.Combine(_dir, "bomb.keras");
        WriteZip(path, [("config.json", new byte[64 << 20]), ("model.weights.h5", [])], CompressionLevel.SmallestSize);
        long before = GC.GetTotalAllocatedBytes();
        Refused(path, "zip bomb", "config.json");
        Assert.That(GC.GetTotalAllocatedBytes() - before, Is.LessThan(16L << 20), "refused without decompressing the entry");
    }

    [Test]
    public void Zip_entries_beyond_the_total_limit_are_refused()
    {
        string path = GoodZip();
        var limits = new ReadLimits { MaxTotalBytes = 100 };
        var e = Assert.Throws<ModelFileException>(() => KerasModel.Load(path, new KerasLoadOptions { Limits = limits }))!;
        Assert.That(e.Message, Does.Contain("in total"));
    }

    [Test]
    public void A_zip_without_config_json_is_refused()
    {
        string path = Path.Combine(_dir, "noconfig.keras");
        WriteZip(path, [("model.weights.h5", [])]);
        Refused(path, "config.json");
    }

    [TestCase("Lambda", "\"function\": {\"class_name\": \"__lambda__\", \"config\": {\"code\": \"4wEAAAAAAAAA\", \"defaults\": null, \"closure\": null}}")]
    [TestCase("TFOpLambda", "\"function\": \"math.multiply\"")]
    [TestCase("SlicingOpLambda", "\"function\": \"__operators__.getitem\"")]
    public void A_layer_that_carries_code_is_refused_and_never_run(string className, string function)
    {
        string layer = """{"class_name": "CLASS", "config": {"name": "code_layer", FUNCTION, "arguments": {}}},""".Replace("CLASS", className).Replace("FUNCTION", function);
        string path = Path.Combine(_dir, "lambda.keras");
        WriteKerasZip(path, Config(extraLayer: layer), Keras3Weights());
        var e = Refused(path, className, "safe_mode");
        Assert.That(e.Layer, Is.EqualTo("code_layer"));
    }

    [Test]
    public void A_function_typed_config_is_refused()
    {
        string path = Path.Combine(_dir, "fn.keras");
        string config = Config().Replace("\"activation\": \"tanh\"", "\"activation\": {\"module\": \"builtins\", \"class_name\": \"function\", \"config\": \"my_act\", \"registered_name\": \"function\"}");
        WriteKerasZip(path, config, Keras3Weights());
        var e = Refused(path, "Python function", "layers[1].config.activation");
        Assert.That(e.Layer, Is.EqualTo("rnn"));
    }

    [Test]
    public void A_custom_loss_function_in_compile_config_does_not_make_the_model_unsafe()
    {
        // compile_config is never deserialised (nothing is compiled), so its function is never run.
        string path = Path.Combine(_dir, "compiled.keras");
        string config = Config().TrimEnd()[..^1] + ", \"compile_config\": {\"loss\": {\"module\": \"builtins\", \"class_name\": \"function\", \"config\": \"my_loss\", \"registered_name\": \"function\"}}}";
        WriteKerasZip(path, config, Keras3Weights());
        Assert.That(KerasModel.Load(path).Model.CountParams(), Is.EqualTo(22));
    }

    [Test]
    public void A_keras2_marshalled_lambda_in_an_h5_is_refused()
    {
        string path = Path.Combine(_dir, "lambda.h5");
        string config = """
            {"class_name": "Sequential", "config": {"name": "s", "layers": [
              {"class_name": "Lambda", "config": {"name": "lambda_1", "function": ["4wEAAAAAAAAAAQAAAAIAAABDAAAAcwgAAAB8AGQBFABTACkCTukCAAAAqQApAdoBeHIBAAAAcgEAAAD6AzxzPtoIPGxhbWJkYT4BAAAAcwAAAAA=", null, null], "function_type": "lambda", "batch_input_shape": [null, 4, 2]}}]}}
            """;
        WriteLegacyH5(path, "2.2.4", config, [("lambda_1", [])]);
        Refused(path, "Lambda", "never run");
    }

    [Test]
    public void An_unknown_layer_is_refused_naming_it_and_where_it_is()
    {
        string path = Path.Combine(_dir, "unknown.keras");
        WriteKerasZip(path, Config(extraLayer: """{"class_name": "FancyLayer", "config": {"name": "fancy"}},"""), Keras3Weights());
        Refused(path, "'FancyLayer'", "'fancy'", "config.layers[2].class_name", "not supported yet");
    }

    [Test]
    public void An_option_not_supported_yet_is_refused_naming_layer_and_option()
    {
        string path = Path.Combine(_dir, "option.keras");
        WriteKerasZip(path, Config().Replace("\"activation\": \"tanh\"", "\"activation\": \"threshold\""), Keras3Weights());
        Refused(path, "'rnn'", "threshold", "not supported");
    }

    [Test]
    public void A_missing_weight_is_refused_naming_layer_and_weight()
    {
        string path = Path.Combine(_dir, "missing.keras");
        WriteKerasZip(path, Config(), Keras3Weights().Where(w => w.Path != "layers/simple_rnn/cell/vars/1"));
        var e = Refused(path, "missing", "layers/simple_rnn/cell/vars/1");
        Assert.That((e.Layer, e.Weight), Is.EqualTo(("rnn", "recurrent_kernel")));
    }

    [Test]
    public void An_extra_weight_is_refused()
    {
        string path = Path.Combine(_dir, "extra.keras");
        WriteKerasZip(path, Config(), [.. Keras3Weights(), new Weight("layers/dense/vars/2", Values(1, 9), 1)]);
        var e = Refused(path, "extra weight", "layers/dense/vars/2");
        Assert.That(e.Layer, Is.EqualTo("dense"));
    }

    [Test]
    public void Weights_of_a_layer_the_model_does_not_have_are_refused()
    {
        string path = Path.Combine(_dir, "extra-layer.keras");
        WriteKerasZip(path, Config(), [.. Keras3Weights(), new Weight("layers/dense_1/vars/0", Values(1, 9), 1)]);
        Refused(path, "extra weight", "layers/dense_1");
    }

    [Test]
    public void A_weight_whose_shape_disagrees_with_the_config_is_refused()
    {
        string path = Path.Combine(_dir, "shape.keras");
        var weights = Keras3Weights();
        weights[0] = new Weight("layers/simple_rnn/cell/vars/0", Values(8, 1), 2, 4);
        WriteKerasZip(path, Config(), weights);
        var e = Refused(path, "(2, 4)", "(2, 3)", "layers/simple_rnn/cell/vars/0");
        Assert.That((e.Layer, e.Weight), Is.EqualTo(("rnn", "kernel")));
    }

    static Weight[] LegacyRnnWeights() =>
        [new("rnn/simple_rnn_cell/kernel:0", Values(6, 1), 2, 3), new("rnn/simple_rnn_cell/recurrent_kernel:0", Values(9, 2), 3, 3), new("rnn/simple_rnn_cell/bias:0", Values(3, 3), 3)];

    static Weight[] LegacyDenseWeights() => [new("dense/kernel:0", Values(3, 4), 3, 1), new("dense/bias:0", Values(1, 5), 1)];

    [Test]
    public void A_legacy_h5_with_a_weight_too_few_is_refused()
    {
        string path = Path.Combine(_dir, "few.h5");
        WriteLegacyH5(path, "2.9.0", Config(), [("rnn", LegacyRnnWeights()[..2]), ("dense", LegacyDenseWeights())]);
        var e = Refused(path, "2 weight(s)", "config makes 3");
        Assert.That((e.Layer, e.Weight), Is.EqualTo(("rnn", "bias")));
    }

    [Test]
    public void A_legacy_h5_with_weights_for_an_unknown_layer_is_refused()
    {
        string path = Path.Combine(_dir, "extra.h5");
        WriteLegacyH5(path, "2.9.0", Config(), [("rnn", LegacyRnnWeights()), ("dense", LegacyDenseWeights()), ("ghost", [new("ghost/w:0", [1f], 1)])]);
        var e = Refused(path, "extra weights", "ghost");
        Assert.That(e.Layer, Is.EqualTo("ghost"));
    }

    [Test]
    public void A_legacy_h5_weight_with_the_wrong_shape_is_refused()
    {
        string path = Path.Combine(_dir, "shape.h5");
        var dense = LegacyDenseWeights();
        dense[0] = new Weight("dense/kernel:0", Values(6, 4), 3, 2);
        WriteLegacyH5(path, "2.9.0", Config(), [("rnn", LegacyRnnWeights()), ("dense", dense)]);
        var e = Refused(path, "(3, 2)", "(3, 1)", "model_weights/dense/dense/kernel:0");
        Assert.That((e.Layer, e.Weight), Is.EqualTo(("dense", "kernel")));
    }

    [Test]
    public void A_legacy_h5_whose_weight_names_point_nowhere_is_refused()
    {
        string path = Path.Combine(_dir, "dangling.h5");
        WriteLegacyH5(path, "2.9.0", Config(), [("rnn", LegacyRnnWeights()), ("dense", LegacyDenseWeights())], omit: new HashSet<string> { "dense/bias:0" });
        var e = Refused(path, "missing", "'dense/bias:0'", "model_weights/dense/dense/bias:0");
        Assert.That((e.Layer, e.Weight), Is.EqualTo(("dense", "bias")));
    }

    [Test]
    public void A_keras3_weights_file_given_to_load_is_pointed_to_load_weights()
    {
        string path = Path.Combine(_dir, "model.weights.h5");
        WeightsStore(Keras3Weights()).Write(path);
        Refused(path, "KerasModel.LoadWeights");
    }

    [Test]
    public void Load_weights_refuses_a_mismatched_file_and_leaves_the_model_unchanged()
    {
        string path = Path.Combine(_dir, "model.weights.h5");
        var weights = Keras3Weights();
        weights[4] = new Weight("layers/dense/vars/1", [1f, 2f], 2);
        WeightsStore(weights).Write(path);
        Model model = ModelLoader.FromJson(Config());
        var e = Assert.Throws<ModelFileException>(() => KerasModel.LoadWeights(model, path))!;
        Assert.That((e.Layer, e.Weight), Is.EqualTo(("dense", "bias")));
        Assert.That(model.GetWeightTensors().All(w => w.Data.All(v => v == 0f)), Is.True, "nothing assigned");
    }

    [Test]
    public void A_keras1_file_is_refused_as_not_supported_yet()
    {
        string path = Path.Combine(_dir, "k1.h5");
        WriteLegacyH5(path, "1.2.2", Config(), [("rnn", LegacyRnnWeights()), ("dense", LegacyDenseWeights())]);
        Refused(path, "Keras 1", "not supported yet");
    }
}
