using System.Text.Json.Nodes;
using RnnParity.Core.Tensors;
using RnnParity.KerasConfig;
using RnnParity.Layers.Convolutional;
using RnnParity.Layers.Merging;
using RnnParity.Layers.Models;
using RnnParity.Layers.Pooling;
using RnnParity.Layers.Recurrent;
using RnnParity.Tests.Layers;

namespace RnnParity.Tests.KerasConfig.Layers;

/// <summary>
/// Conv1D, the 1-D pooling layers and the merging layers built by <see cref="ModelLoader.FromJson"/>
/// from Keras-3-shaped JSON (as <c>model.to_json()</c> writes it: a Functional config with
/// <c>inbound_nodes</c> of <c>__keras_tensor__</c> args, a merge's inputs as one list argument),
/// and bad configs refused with the field and the layer named.
/// </summary>
[TestFixture]
public sealed class SequenceLayerConfigTests
{
    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    static JsonObject Tensor(string layer, params int?[] shape) => new()
    {
        ["class_name"] = "__keras_tensor__",
        ["config"] = new JsonObject { ["shape"] = new JsonArray(shape.Select(d => (JsonNode?)d).ToArray()), ["dtype"] = "float32", ["keras_history"] = new JsonArray(layer, 0, 0) },
    };

    static JsonObject Layer(string className, JsonObject config, params JsonNode[] args)
    {
        config["dtype"] = new JsonObject { ["module"] = "keras", ["class_name"] = "DTypePolicy", ["config"] = new JsonObject { ["name"] = "float32" }, ["registered_name"] = null };
        return new JsonObject
        {
            ["module"] = "keras.layers", ["class_name"] = className, ["config"] = config, ["registered_name"] = null,
            ["name"] = config["name"]!.GetValue<string>(),
            ["inbound_nodes"] = args.Length == 0 ? new JsonArray() : new JsonArray(new JsonObject { ["args"] = new JsonArray(args), ["kwargs"] = new JsonObject() }),
        };
    }

    static JsonObject Input(string name, params int?[] shape) => new()
    {
        ["module"] = "keras.layers", ["class_name"] = "InputLayer", ["registered_name"] = null, ["name"] = name, ["inbound_nodes"] = new JsonArray(),
        ["config"] = new JsonObject { ["batch_shape"] = new JsonArray(shape.Select(d => (JsonNode?)d).ToArray()), ["dtype"] = "float32", ["sparse"] = false, ["ragged"] = false, ["name"] = name },
    };

    static string Functional(string[] inputs, string output, params JsonObject[] layers) => new JsonObject
    {
        ["module"] = "keras", ["class_name"] = "Functional", ["registered_name"] = null,
        ["config"] = new JsonObject
        {
            ["name"] = "functional", ["trainable"] = true, ["layers"] = new JsonArray(layers),
            ["input_layers"] = new JsonArray(inputs.Select(i => (JsonNode)new JsonArray(i, 0, 0)).ToArray()),
            ["output_layers"] = new JsonArray(new JsonArray(output, 0, 0)),
        },
    }.ToJsonString();

    static JsonObject ConvConfig() => new()
    {
        ["name"] = "conv1d", ["trainable"] = true, ["filters"] = 6, ["kernel_size"] = new JsonArray(3), ["strides"] = new JsonArray(1),
        ["padding"] = "causal", ["data_format"] = "channels_last", ["dilation_rate"] = new JsonArray(2), ["groups"] = 2,
        ["activation"] = "relu", ["use_bias"] = true, ["kernel_initializer"] = new JsonObject { ["class_name"] = "GlorotUniform" },
        ["kernel_regularizer"] = null, ["activity_regularizer"] = null,
    };

    /// <summary>a (None, 12, 4) → Conv1D(causal) → MaxPooling1D(3, strides 2, same); b (None, 12, 4) →
    /// AveragePooling1D(2); both (None, 6, ·) → Concatenate → GlobalAveragePooling1D(keepdims).</summary>
    static string SequenceModel(Action<JsonObject>? editConv = null, Action<JsonObject>? editMerge = null)
    {
        var conv = ConvConfig();
        editConv?.Invoke(conv);
        var merge = new JsonObject { ["name"] = "concatenate", ["trainable"] = true, ["axis"] = -1 };
        editMerge?.Invoke(merge);
        return Functional(["a", "b"], "gap",
            Input("a", null, 12, 4),
            Input("b", null, 12, 4),
            Layer("Conv1D", conv, Tensor("a", null, 12, 4)),
            Layer("MaxPooling1D", new JsonObject { ["name"] = "max_pooling1d", ["pool_size"] = new JsonArray(3), ["padding"] = "same", ["strides"] = new JsonArray(2), ["data_format"] = "channels_last" }, Tensor("conv1d", null, 12, 6)),
            Layer("AveragePooling1D", new JsonObject { ["name"] = "average_pooling1d", ["pool_size"] = new JsonArray(2), ["padding"] = "valid", ["strides"] = null, ["data_format"] = "channels_last" }, Tensor("b", null, 12, 4)),
            Layer("Concatenate", merge, new JsonArray(Tensor("max_pooling1d", null, 6, 6), Tensor("average_pooling1d", null, 6, 4))),
            Layer("GlobalAveragePooling1D", new JsonObject { ["name"] = "gap", ["data_format"] = "channels_last", ["keepdims"] = true }, Tensor("concatenate", null, 6, 10)));
    }

    [Test]
    public void A_two_input_sequence_model_loads_with_Keras_options()
    {
        Model model = ModelLoader.FromJson(SequenceModel());

        var conv = model.Layers.OfType<Conv1D>().Single();
        Assert.That((conv.Filters, conv.KernelSize, conv.Strides, conv.Padding, conv.DilationRate, conv.Groups, conv.Activation.Name),
            Is.EqualTo((6, 3, 1, "causal", 2, 2, "relu")));
        var max = model.Layers.OfType<MaxPooling1D>().Single();
        Assert.That((max.PoolSize, max.Strides, max.Padding), Is.EqualTo((3, 2, "same")));
        Assert.That(model.Layers.OfType<AveragePooling1D>().Single().Strides, Is.EqualTo(2), "strides null means pool_size");
        Assert.That(model.Layers.OfType<GlobalAveragePooling1D>().Single().Keepdims, Is.True);
        Assert.That(model.Layers.Select(l => ShapeUtil.Format(l.OutputShapes[0])),
            Is.EqualTo(new[] { "(None, 12, 4)", "(None, 12, 4)", "(None, 12, 6)", "(None, 6, 6)", "(None, 6, 4)", "(None, 6, 10)", "(None, 1, 10)" }));
        Assert.That(model.CountParams(), Is.EqualTo(3 * 2 * 6 + 6));

        var outputs = model.Call([SeededTensors.Uniform(1, 2, 12, 4), SeededTensors.Uniform(2, 2, 12, 4)]);
        Assert.That(outputs[0].Shape, Is.EqualTo(new[] { 2, 1, 10 }));
    }

    [TestCase("Add")]
    [TestCase("Subtract")]
    [TestCase("Multiply")]
    [TestCase("Average")]
    [TestCase("Maximum")]
    [TestCase("Minimum")]
    public void Element_wise_merges_load(string className)
    {
        string json = Functional(["a", "b"], "m",
            Input("a", null, 5, 3), Input("b", null, 5, 3),
            Layer(className, new JsonObject { ["name"] = "m", ["trainable"] = true }, new JsonArray(Tensor("a", null, 5, 3), Tensor("b", null, 5, 3))));
        Model model = ModelLoader.FromJson(json);
        Assert.That(model.Layers[^1].ClassName, Is.EqualTo(className));
        Assert.That(ShapeUtil.Format(model.OutputShapes[0]), Is.EqualTo("(None, 5, 3)"));
    }

    [TestCase("2", new[] { 2, 2 }, "(None, 5, 5)")]
    [TestCase("[2, 2]", new[] { 2, 2 }, "(None, 5, 5)")]
    [TestCase("[1, 1]", new[] { 1, 1 }, "(None, 3, 3)")]
    public void Dot_loads_axes_as_int_or_pair(string axes, int[] expected, string shape)
    {
        string json = Functional(["a", "b"], "dot",
            Input("a", null, 5, 3), Input("b", null, 5, 3),
            Layer("Dot", new JsonObject { ["name"] = "dot", ["axes"] = JsonNode.Parse(axes), ["normalize"] = true }, new JsonArray(Tensor("a", null, 5, 3), Tensor("b", null, 5, 3))));
        var dot = ModelLoader.FromJson(json).Layers.OfType<Dot>().Single();
        Assert.That(dot.Normalize, Is.True);
        Assert.That(dot.Axes.Count == 1 ? [dot.Axes[0], dot.Axes[0]] : dot.Axes.ToArray(), Is.EqualTo(expected));
        Assert.That(ShapeUtil.Format(dot.OutputShapes[0]), Is.EqualTo(shape));
    }

    static KerasConfigException Refused(string json) => Assert.Throws<KerasConfigException>(() => ModelLoader.FromJson(json))!;

    [Test]
    public void Two_dimensional_kernel_size_is_refused_with_the_field()
    {
        var e = Refused(SequenceModel(editConv: c => c["kernel_size"] = new JsonArray(3, 3)));
        Assert.That(e.Field, Does.EndWith("kernel_size"));
        Assert.That(e.Message, Does.Contain("list of one integer"));
    }

    [Test]
    public void Unknown_padding_names_layer_and_option()
    {
        var e = Refused(SequenceModel(editConv: c => c["padding"] = "full"));
        Assert.That(e.Message, Does.Contain("'conv1d'").And.Contain("padding").And.Contain("full"));
    }

    [Test]
    public void Lora_is_not_supported_yet()
    {
        var e = Refused(SequenceModel(editConv: c => c["lora_rank"] = 4));
        Assert.That(e.Message, Does.Contain("LoRA is not supported yet").And.Contain("conv1d"));
    }

    [Test]
    public void Custom_activation_object_is_refused()
    {
        var e = Refused(SequenceModel(editConv: c => c["activation"] = new JsonObject { ["class_name"] = "MyAct" }));
        Assert.That(e.Message, Does.Contain("not supported yet"));
    }

    [Test]
    public void Concatenate_with_mismatched_steps_is_refused()
    {
        var e = Refused(SequenceModel(editMerge: m => m["axis"] = 1));
        Assert.That(e.Message, Does.Contain("'concatenate'").And.Contain("matching shapes"));
    }

    [Test]
    public void Dot_with_three_axes_is_refused()
    {
        string json = Functional(["a", "b"], "dot",
            Input("a", null, 5, 3), Input("b", null, 5, 3),
            Layer("Dot", new JsonObject { ["name"] = "dot", ["axes"] = new JsonArray(1, 2, 2) }, new JsonArray(Tensor("a", null, 5, 3), Tensor("b", null, 5, 3))));
        var e = Refused(json);
        Assert.That(e.Field, Does.EndWith("axes"));
    }

    [Test]
    public void AveragePooling1D_needs_pool_size()
    {
        string json = Functional(["a"], "p",
            Input("a", null, 5, 3),
            Layer("AveragePooling1D", new JsonObject { ["name"] = "p" }, Tensor("a", null, 5, 3)));
        var e = Refused(json);
        Assert.That(e.Field, Does.EndWith("pool_size"));
    }

    [Test]
    public void Keras_aliases_load()
    {
        string json = Functional(["a"], "g",
            Input("a", null, 6, 3),
            Layer("MaxPool1D", new JsonObject { ["name"] = "p" }, Tensor("a", null, 6, 3)),
            Layer("GlobalAvgPool1D", new JsonObject { ["name"] = "g" }, Tensor("p", null, 3, 3)));
        Model model = ModelLoader.FromJson(json);
        Assert.That(model.Layers.Select(l => l.ClassName), Is.EqualTo(new[] { "InputLayer", "MaxPooling1D", "GlobalAveragePooling1D" }));
        Assert.That(ShapeUtil.Format(model.OutputShapes[0]), Is.EqualTo("(None, 3)"));
    }

    static JsonObject ConvLstmConfig() => new()
    {
        ["name"] = "conv_lstm1d", ["trainable"] = true, ["filters"] = 4, ["kernel_size"] = new JsonArray(3), ["strides"] = new JsonArray(1),
        ["padding"] = "same", ["data_format"] = "channels_last", ["dilation_rate"] = new JsonArray(1), ["activation"] = "tanh",
        ["recurrent_activation"] = "sigmoid", ["use_bias"] = true, ["unit_forget_bias"] = true, ["dropout"] = 0.0, ["recurrent_dropout"] = 0.5,
        ["seed"] = null, ["return_sequences"] = true, ["return_state"] = false, ["go_backwards"] = true, ["stateful"] = false, ["unroll"] = false,
    };

    [Test]
    public void ConvLSTM1D_loads_with_Keras_options_and_weight_paths()
    {
        string json = Functional(["a"], "conv_lstm1d", Input("a", null, 5, 8, 3), Layer("ConvLSTM1D", ConvLstmConfig(), Tensor("a", null, 5, 8, 3)));
        var layer = ModelLoader.FromJson(json).Layers.OfType<ConvLSTM1D>().Single();
        Assert.That((layer.Filters, layer.KernelSize[0], layer.Padding, layer.ReturnSequences, layer.GoBackwards), Is.EqualTo((4, 3, "same", true, true)));
        Assert.That(ShapeUtil.Format(layer.OutputShapes[0]), Is.EqualTo("(None, 5, 8, 4)"));
        Assert.That(layer.WeightPaths().Select(p => p.Path), Is.EqualTo(new[] { "conv_lstm1d/conv_lstm_cell/kernel", "conv_lstm1d/conv_lstm_cell/recurrent_kernel", "conv_lstm1d/conv_lstm_cell/bias" }));
        Assert.That(layer.CountParams(), Is.EqualTo(3 * 3 * 16 + 3 * 4 * 16 + 16));
    }

    [TestCase("stateful", "true", "stateful")]
    [TestCase("unroll", "true", "unroll")]
    public void ConvLSTM1D_options_not_supported_yet_are_refused(string key, string value, string named)
    {
        var config = ConvLstmConfig();
        config[key] = JsonNode.Parse(value);
        string json = Functional(["a"], "conv_lstm1d", Input("a", null, 5, 8, 3), Layer("ConvLSTM1D", config, Tensor("a", null, 5, 8, 3)));
        var e = Refused(json);
        Assert.That(e.Message, Does.Contain("not supported yet").And.Contain(named).And.Contain("conv_lstm1d"));
    }
}
