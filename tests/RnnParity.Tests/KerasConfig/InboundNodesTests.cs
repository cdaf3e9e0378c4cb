using System.Text.Json.Nodes;
using RnnParity.Core.Tensors;
using RnnParity.KerasConfig;
using RnnParity.Layers.Models;
using RnnParity.Layers.Ops;
using static RnnParity.Tests.KerasConfig.GraphJson;
using KerasApi = RnnParity.Layers.Models.Keras;

namespace RnnParity.Tests.KerasConfig;

/// <summary>
/// <c>inbound_nodes</c> in every form Keras 3 writes: constant positional arguments, <c>training</c>,
/// <c>mask</c> (null or a tensor), <c>initial_state</c>, and operations next to layers of the same class
/// name; unknown call arguments and options are refused by name.
/// </summary>
[TestFixture]
public sealed class InboundNodesTests
{
    [SetUp]
    public void ClearNames() => KerasApi.ClearSession();

    static JsonObject Lstm(string name, JsonObject kwargs, string input = "x") =>
        Layer("LSTM", new JsonObject { ["name"] = name, ["units"] = 2, ["return_sequences"] = true }, Node(new JsonArray(Tensor(input)), kwargs));

    static KerasConfigException Refused(string json) => Assert.Throws<KerasConfigException>(() => ModelLoader.FromJson(json))!;

    [Test]
    public void A_constant_argument_becomes_a_scalar_operand()
    {
        var model = (Functional)ModelLoader.FromJson(Model(
            [Input("x", null, 3), Op("NotEqual", new JsonObject { ["name"] = "not_equal" }, Node(new JsonArray(Tensor("x"), 0.0)))],
            ["x"], [("not_equal", 0)]));

        Tensor y = model.Call([new Tensor([2, 3], [0f, 1f, -2f, 0f, 0f, 3f])])[0];

        Assert.That(y.Data, Is.EqualTo(new[] { 0f, 1f, 1f, 0f, 0f, 1f }));
        Assert.That(model.Operations.Select(l => l.ClassName), Is.EqualTo(new[] { "InputLayer", "NotEqual" }));
        Assert.That(model.Layers.Select(l => l.ClassName), Is.EqualTo(new[] { "InputLayer" }), "Keras's model.layers leaves operations out");
        Assert.That(model.ConnectedTo(model.Operations[1]), Is.EqualTo(new[] { "x[0][0]" }), "a constant is no connection");
    }

    [Test]
    public void A_constant_may_come_first()
    {
        // 1 - x on a KerasTensor records Subtract(1, x).
        var model = ModelLoader.FromJson(Model(
            [Input("x", null, 2), Op("Subtract", new JsonObject { ["name"] = "subtract" }, Node(new JsonArray(1, Tensor("x"))))],
            ["x"], [("subtract", 0)]));

        Assert.That(model.Call([new Tensor([1, 2], [0.25f, 3f])])[0].Data, Is.EqualTo(new[] { 0.75f, -2f }));
    }

    [Test]
    public void The_operation_add_and_a_layer_called_add_are_told_apart_by_module()
    {
        var model = (Functional)ModelLoader.FromJson(Model(
            [Input("x", null, 2), Op("Add", new JsonObject { ["name"] = "add" }, Node(new JsonArray(Tensor("x"), 2.0)))],
            ["x"], [("add", 0)]));

        Assert.That(model.Operations[1], Is.InstanceOf<Add>());
    }

    [Test]
    public void Training_and_null_masks_are_read_past()
    {
        var model = ModelLoader.FromJson(Model([Input("x", null, 4, 3), Lstm("lstm", new JsonObject { ["training"] = false, ["mask"] = null })], ["x"], [("lstm", 0)]));

        Assert.That(model.OutputShapes[0], Is.EqualTo(new int?[] { null, 4, 2 }));
    }

    [Test]
    public void Initial_state_tensors_follow_the_sequence()
    {
        var model = ModelLoader.FromJson(Model(
            [Input("x", null, 4, 3), Input("h", null, 2), Input("c", null, 2), Lstm("lstm", new JsonObject { ["initial_state"] = new JsonArray(Tensor("h"), Tensor("c")) })],
            ["x", "h", "c"], [("lstm", 0)]));

        var lstm = ((Functional)model).Layers.Single(l => l.Name == "lstm");
        Assert.That(lstm.InputShapes.Select(ShapeUtil.Format), Is.EqualTo(new[] { "(None, 4, 3)", "(None, 2)", "(None, 2)" }));
    }

    [Test]
    public void An_unknown_call_argument_is_refused_by_name()
    {
        var e = Refused(Model([Input("x", null, 4, 3), Lstm("enc", new JsonObject { ["constants"] = new JsonArray(Tensor("x")) })], ["x"], [("enc", 0)]));

        Assert.That(e.Field, Does.EndWith("kwargs.constants"));
        Assert.That(e.Message, Does.Contain("LSTM 'enc'").And.Contain("'constants'").And.Contain("not supported yet").And.Contain("initial_state, mask"));
    }

    [Test]
    public void A_mask_for_a_layer_that_takes_none_is_refused()
    {
        var dense = Layer("Dense", new JsonObject { ["name"] = "dense", ["units"] = 2 },
            Node(new JsonArray(Tensor("x")), new JsonObject { ["mask"] = Tensor("x") }));

        var e = Refused(Model([Input("x", null, 3), dense], ["x"], [("dense", 0)]));

        Assert.That(e.Message, Does.Contain("Dense 'dense'").And.Contain("'mask'"));
    }

    [Test]
    public void A_constant_for_a_layer_is_refused()
    {
        var dense = Layer("Dense", new JsonObject { ["name"] = "dense", ["units"] = 2 }, Node(new JsonArray(Tensor("x"), 1.0)));

        var e = Refused(Model([Input("x", null, 3), dense], ["x"], [("dense", 0)]));

        Assert.That(e.Field, Does.EndWith("args[1]"));
        Assert.That(e.Message, Does.Contain("Dense 'dense'").And.Contain("constant"));
    }

    [Test]
    public void An_unknown_operation_option_is_refused()
    {
        var e = Refused(Model(
            [Input("x", null, 3), Op("Max", new JsonObject { ["name"] = "max", ["axis"] = -1, ["initial"] = 0.5 }, Node(new JsonArray(Tensor("x"))))],
            ["x"], [("max", 0)]));

        Assert.That(e.Field, Does.EndWith("config.initial"));
        Assert.That(e.Message, Does.Contain("Max 'max'").And.Contain("not supported yet"));
    }

    [Test]
    public void An_unknown_operation_is_refused_naming_it()
    {
        var e = Refused(Model(
            [Input("x", null, 3), Op("Erfinv", new JsonObject { ["name"] = "erfinv" }, Node(new JsonArray(Tensor("x"))))],
            ["x"], [("erfinv", 0)]));

        Assert.That(e.Message, Does.Contain("Erfinv").And.Contain("not supported yet"));
    }

    [Test]
    public void Reductions_read_axis_as_int_list_or_null()
    {
        var model = ModelLoader.FromJson(Model(
            [Input("x", null, 5, 3),
             Op("Any", new JsonObject { ["name"] = "any", ["axis"] = -1, ["keepdims"] = false }, Node(new JsonArray(Tensor("x")))),
             Op("Sum", new JsonObject { ["name"] = "sum", ["axis"] = new JsonArray(1, 2), ["keepdims"] = true }, Node(new JsonArray(Tensor("x")))),
             Op("All", new JsonObject { ["name"] = "all", ["axis"] = null, ["keepdims"] = false }, Node(new JsonArray(Tensor("x"))))],
            ["x"], [("any", 0), ("sum", 0), ("all", 0)]));

        Assert.That(model.OutputShapes.Select(ShapeUtil.Format), Is.EqualTo(new[] { "(None, 5)", "(None, 1, 1)", "()" }));
    }
}
