using RnnParity.Core.Tensors;
using RnnParity.Fixtures.Format;
using RnnParity.KerasConfig;
using RnnParity.Layers.Graph;
using RnnParity.Layers.Models;
using RnnParity.Layers.Recurrent;
using KerasApi = RnnParity.Layers.Models.Keras;

namespace RnnParity.Tests.Layers.Models;

/// <summary>
/// The functional models of the Keras reference cases <c>simple_rnn_initial_state</c> (sequence and initial state as
/// two inputs) and <c>simple_rnn_return_state</c> (sequence and final state as two outputs), built with the C# API and
/// checked against the case's weights, outputs, summary and model.json.
/// </summary>
[TestFixture]
public sealed class FunctionalTests
{
    [SetUp]
    public void ClearNames() => KerasApi.ClearSession();

    static Functional InitialStateModel()
    {
        KerasTensor x = KerasApi.Input([6, 3]);
        KerasTensor s = KerasApi.Input([4]);
        KerasTensor y = new SimpleRNN(4, returnSequences: true).ApplyMany([x, s])[0];
        return new Functional([x, s], [y]);
    }

    static Functional ReturnStateModel()
    {
        KerasTensor x = KerasApi.Input([5, 4]);
        var outputs = new SimpleRNN(3, returnSequences: true, returnState: true).ApplyMany([x]);
        return new Functional([x], outputs);
    }

    static FixtureCase Case(string name) => CaseReader.Load(RepoPaths.KerasCase(name));

    static Tensor Npy(FixtureCase c, string file) => NpyReader.Read(c.PathOf(file)).ToTensor();

    static void RunCase(Model model, FixtureCase c)
    {
        model.SetWeights(c.Weights.Select(w => Npy(c, w.File)).ToList());
        foreach (var run in c.Runs)
        {
            var outputs = model.Call(run.Inputs.Select(i => Npy(c, i.File)).ToList());
            Assert.That(outputs, Has.Count.EqualTo(run.Outputs.Count));
            for (int k = 0; k < outputs.Count; k++)
            {
                var result = ArrayComparison.Compare(NpyReader.Read(c.PathOf(run.Outputs[k].File)), outputs[k], c.Tolerance);
                Assert.That(result.Passed, Is.True, $"{c.Name} output {k}: {result.Describe()}");
            }
        }
    }

    static string SummaryText(Model model)
    {
        var lines = new List<string>();
        model.Summary(printFn: lines.Add);
        return string.Join("\n", lines) + "\n";
    }

    static string ReferenceSummary(FixtureCase c) => File.ReadAllText(c.PathOf("summary.txt")).Replace("\r\n", "\n");

    [Test]
    public void Initial_state_model_reproduces_the_keras_outputs()
    {
        RunCase(InitialStateModel(), Case("simple_rnn_initial_state"));
    }

    [Test]
    public void Return_state_model_reproduces_the_keras_outputs_and_state()
    {
        RunCase(ReturnStateModel(), Case("simple_rnn_return_state"));
    }

    [Test]
    public void Initial_state_model_layers_are_named_and_ordered_as_in_keras()
    {
        var model = InitialStateModel();
        Assert.That(model.Layers.Select(l => l.Name), Is.EqualTo(Case("simple_rnn_initial_state").Expected.Layers.Select(l => l.Name)));
        Assert.That(model.Name, Is.EqualTo("functional"));
    }

    [Test]
    public void Initial_state_model_summary_equals_the_keras_text()
    {
        var c = Case("simple_rnn_initial_state");
        Assert.That(SummaryText(InitialStateModel()), Is.EqualTo(ReferenceSummary(c)));
    }

    [Test]
    public void Return_state_model_summary_equals_the_keras_text()
    {
        var c = Case("simple_rnn_return_state");
        Assert.That(SummaryText(ReturnStateModel()), Is.EqualTo(ReferenceSummary(c)));
    }

    [Test]
    public void Two_input_model_is_not_sequential_like()
    {
        Assert.That(InitialStateModel().IsSequentialLike, Is.False);
    }

    [Test]
    public void Return_state_model_is_sequential_like()
    {
        Assert.That(ReturnStateModel().IsSequentialLike, Is.True);
    }

    [TestCase("simple_rnn_initial_state")]
    [TestCase("simple_rnn_return_state")]
    public void Model_json_loads_into_an_equivalent_model(string caseName)
    {
        var built = caseName == "simple_rnn_initial_state" ? InitialStateModel() : ReturnStateModel();
        var loaded = ModelLoader.FromJson(File.ReadAllText(Path.Combine(RepoPaths.KerasCase(caseName), "model.json")));

        Assert.That(loaded, Is.InstanceOf<Functional>());
        Assert.That(loaded.Name, Is.EqualTo(built.Name));
        Assert.That(loaded.Layers.Select(l => l.Name), Is.EqualTo(built.Layers.Select(l => l.Name)));
        Assert.That(loaded.Layers.Select(l => l.ClassName), Is.EqualTo(built.Layers.Select(l => l.ClassName)));
        Assert.That(loaded.Layers.Select(l => l.OutputShapes.Select(ShapeUtil.Format)),
            Is.EqualTo(built.Layers.Select(l => l.OutputShapes.Select(ShapeUtil.Format))));
        Assert.That(loaded.Layers.Select(l => l.CountParams()), Is.EqualTo(built.Layers.Select(l => l.CountParams())));
        Assert.That(loaded.OutputShapes.Select(ShapeUtil.Format), Is.EqualTo(built.OutputShapes.Select(ShapeUtil.Format)));
        Assert.That(((Functional)loaded).IsSequentialLike, Is.EqualTo(((Functional)built).IsSequentialLike));
    }
}
