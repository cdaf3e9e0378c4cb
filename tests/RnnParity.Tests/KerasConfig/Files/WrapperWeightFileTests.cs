using RnnParity.Core.Tensors;
using RnnParity.KerasConfig;
using RnnParity.Layers.Models;
using static RnnParity.Tests.KerasConfig.Files.ModelFileMaker;

namespace RnnParity.Tests.KerasConfig.Files;

/// <summary>
/// Bidirectional and TimeDistributed weights in both file layouts, written here from the documented
/// layouts (no shared sample has them in a loadable model): the legacy .h5 of Keras 2.2.4
/// (<c>weight_names</c> forward then backward, <c>:0</c> suffixes) and Keras 3's <c>.keras</c>
/// (<c>layers/bidirectional/forward_layer/cell/vars/0</c>, <c>layers/time_distributed/layer/vars/0</c>).
/// Each file's weights must land in <c>get_weights()</c> order, and the model must compute what the
/// same model built from JSON computes with those weights set.
/// </summary>
[TestFixture]
public sealed class WrapperWeightFileTests
{
    string _dir = "";

    [SetUp]
    public void SetUp() => _dir = TestFiles.NewTempFolder("wrapper-files");

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    /// <summary>Keras 2.2.4's config of Input(5, 3) → Bidirectional(LSTM(4, return_sequences)) → TimeDistributed(Dense(2)).</summary>
    const string Keras224Config = """
        {"class_name": "Model", "config": {"name": "model_1", "layers": [
          {"name": "input_1", "class_name": "InputLayer", "config": {"batch_input_shape": [null, 5, 3], "dtype": "float32", "sparse": false, "name": "input_1"}, "inbound_nodes": []},
          {"name": "bidirectional_1", "class_name": "Bidirectional", "config": {"name": "bidirectional_1", "trainable": true,
            "layer": {"class_name": "LSTM", "config": {"name": "lstm_1", "trainable": true, "return_sequences": true, "return_state": false,
              "go_backwards": false, "stateful": false, "unroll": false, "units": 4, "activation": "tanh", "recurrent_activation": "hard_sigmoid",
              "use_bias": true, "unit_forget_bias": true, "dropout": 0.0, "recurrent_dropout": 0.0, "implementation": 1}},
            "merge_mode": "concat"}, "inbound_nodes": [[["input_1", 0, 0, {}]]]},
          {"name": "time_distributed_1", "class_name": "TimeDistributed", "config": {"name": "time_distributed_1", "trainable": true,
            "layer": {"class_name": "Dense", "config": {"name": "dense_1", "trainable": true, "units": 2, "activation": "linear", "use_bias": true}}},
            "inbound_nodes": [[["bidirectional_1", 0, 0, {}]]]}],
          "input_layers": [["input_1", 0, 0]], "output_layers": [["time_distributed_1", 0, 0]]}}
        """;

    /// <summary>The same model as Keras 3 writes it; <paramref name="recurrentActivation"/> as the model should compute.</summary>
    static string Keras3Config(string recurrentActivation) => """
        {"module": "keras", "class_name": "Functional", "config": {"name": "functional", "layers": [
          {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 5, 3], "dtype": "float32", "name": "input_1"}, "name": "input_1", "inbound_nodes": []},
          {"module": "keras.layers", "class_name": "Bidirectional", "config": {"name": "bidirectional_1", "merge_mode": "concat",
            "layer": {"module": "keras.layers", "class_name": "LSTM", "config": {"name": "lstm_1", "return_sequences": true, "units": 4,
              "activation": "tanh", "recurrent_activation": "RA", "use_bias": true, "unit_forget_bias": true}}},
            "name": "bidirectional_1", "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"shape": [null, 5, 3], "dtype": "float32", "keras_history": ["input_1", 0, 0]}}], "kwargs": {}}]},
          {"module": "keras.layers", "class_name": "TimeDistributed", "config": {"name": "time_distributed_1",
            "layer": {"module": "keras.layers", "class_name": "Dense", "config": {"name": "dense_1", "units": 2, "activation": "linear", "use_bias": true}}},
            "name": "time_distributed_1", "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"shape": [null, 5, 8], "dtype": "float32", "keras_history": ["bidirectional_1", 0, 0]}}], "kwargs": {}}]}],
          "input_layers": [["input_1", 0, 0]], "output_layers": [["time_distributed_1", 0, 0]]}}
        """.Replace("RA", recurrentActivation);

    /// <summary>get_weights() order: forward kernel, recurrent kernel, bias; backward the same; dense kernel, bias.</summary>
    static readonly (ulong[] Shape, float[] Values)[] Expected =
    [
        ([3, 16], Values(48, 1)), ([4, 16], Values(64, 2)), ([16], Values(16, 3)),
        ([3, 16], Values(48, 4)), ([4, 16], Values(64, 5)), ([16], Values(16, 6)),
        ([8, 2], Values(16, 7)), ([2], Values(2, 8)),
    ];

    static Weight W(string path, int i) => new(path, Expected[i].Values, Expected[i].Shape);

    [Test]
    public void Keras2_h5_wrapper_weight_groups_load_in_get_weights_order()
    {
        string path = Path.Combine(_dir, "model.h5");
        WriteLegacyH5(path, "2.2.4", Keras224Config, [
            ("input_1", []),
            ("bidirectional_1", [
                W("bidirectional_1/forward_lstm_1/kernel:0", 0), W("bidirectional_1/forward_lstm_1/recurrent_kernel:0", 1), W("bidirectional_1/forward_lstm_1/bias:0", 2),
                W("bidirectional_1/backward_lstm_1/kernel:0", 3), W("bidirectional_1/backward_lstm_1/recurrent_kernel:0", 4), W("bidirectional_1/backward_lstm_1/bias:0", 5)]),
            ("time_distributed_1", [W("time_distributed_1/kernel:0", 6), W("time_distributed_1/bias:0", 7)]),
        ]);

        Keras.ClearSession();
        LoadedKerasModel loaded = KerasModel.Load(path);

        AssertWeights(loaded.Model);
        // The wrapped LSTM's Keras 2 default recurrent activation keeps its Keras 2 meaning.
        Assert.That(loaded.Keras2Semantics, Is.EqualTo(new[] { "lstm_1.recurrent_activation" }));
        AssertSameOutputs(loaded.Model, Keras3Config(RnnParity.Core.Activations.KerasActivations.Keras2HardSigmoid));
    }

    [Test]
    public void Keras2_h5_with_keras3_activations_computes_keras3_hard_sigmoid()
    {
        string path = Path.Combine(_dir, "model.h5");
        WriteLegacyH5(path, "2.2.4", Keras224Config, [
            ("input_1", []),
            ("bidirectional_1", [
                W("bidirectional_1/forward_lstm_1/kernel:0", 0), W("bidirectional_1/forward_lstm_1/recurrent_kernel:0", 1), W("bidirectional_1/forward_lstm_1/bias:0", 2),
                W("bidirectional_1/backward_lstm_1/kernel:0", 3), W("bidirectional_1/backward_lstm_1/recurrent_kernel:0", 4), W("bidirectional_1/backward_lstm_1/bias:0", 5)]),
            ("time_distributed_1", [W("time_distributed_1/kernel:0", 6), W("time_distributed_1/bias:0", 7)]),
        ]);

        Keras.ClearSession();
        LoadedKerasModel loaded = KerasModel.Load(path, new KerasLoadOptions { Keras3Activations = true });

        Assert.That(loaded.Keras2Semantics, Is.Empty);
        AssertSameOutputs(loaded.Model, Keras3Config("hard_sigmoid"));
    }

    [Test]
    public void Keras3_zip_wrapper_groups_load_by_attribute_path_not_file_order()
    {
        // Keras walks attributes sorted, so backward_layer is stored before forward_layer: the order of the file is not get_weights order.
        string path = Path.Combine(_dir, "model.keras");
        WriteKerasZip(path, Keras3Config("sigmoid"), [
            W("layers/bidirectional/backward_layer/cell/vars/0", 3), W("layers/bidirectional/backward_layer/cell/vars/1", 4), W("layers/bidirectional/backward_layer/cell/vars/2", 5),
            W("layers/bidirectional/forward_layer/cell/vars/0", 0), W("layers/bidirectional/forward_layer/cell/vars/1", 1), W("layers/bidirectional/forward_layer/cell/vars/2", 2),
            W("layers/time_distributed/layer/vars/0", 6), W("layers/time_distributed/layer/vars/1", 7),
        ]);

        Keras.ClearSession();
        LoadedKerasModel loaded = KerasModel.Load(path);

        AssertWeights(loaded.Model);
        Assert.That(loaded.Keras2Semantics, Is.Empty);
        Assert.That(loaded.KerasVersion, Is.EqualTo("3.15.1"));
        AssertSameOutputs(loaded.Model, Keras3Config("sigmoid"));
    }

    static void AssertWeights(Model model)
    {
        var weights = model.GetWeightTensors();
        Assert.That(weights, Has.Count.EqualTo(Expected.Length));
        for (int i = 0; i < Expected.Length; i++)
        {
            Assert.That(weights[i].Shape, Is.EqualTo(Expected[i].Shape.Select(d => (int)d).ToArray()), $"weight {i} shape");
            Assert.That(weights[i].Data, Is.EqualTo(Expected[i].Values), $"weight {i} values");
        }
    }

    /// <summary>The loaded model against the same model built from JSON with the weights set in get_weights order.</summary>
    static void AssertSameOutputs(Model loaded, string referenceJson)
    {
        Keras.ClearSession();
        Model reference = ModelLoader.FromJson(referenceJson);
        reference.SetWeights(Expected.Select(e => new Tensor(e.Shape.Select(d => (int)d).ToArray(), (float[])e.Values.Clone())).ToList());
        var x = new Tensor([2, 5, 3], Values(30, 99).Select(v => 4 * v).ToArray());
        float[] a = loaded.Call(x).Data, b = reference.Call(x).Data;
        Assert.That(a, Is.EqualTo(b));
    }
}
