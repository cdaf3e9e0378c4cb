using RnnParity.Core.Tensors;
using RnnParity.Fixtures.Format;
using RnnParity.KerasConfig;
using RnnParity.Layers.Basic;
using RnnParity.Layers.Graph;
using RnnParity.Layers.Models;
using RnnParity.Layers.Recurrent;
using RnnParity.Layers.Wrappers;
using KerasApi = RnnParity.Layers.Models.Keras;

namespace RnnParity.Tests.Layers.Models;

/// <summary>Threads as an option on the whole model: every recurrent layer, however nested, and the same bits.</summary>
[TestFixture]
public sealed class ModelThreadsTests
{
    [SetUp]
    public void ClearNames() => KerasApi.ClearSession();

    [Test]
    public void Reaches_recurrent_layers_in_wrappers_and_nested_models()
    {
        KerasTensor x = KerasApi.Input([6, 3]);
        var inner = new Sequential([new SimpleRNN(4, returnSequences: true)]);
        var perStep = new Sequential([new InputLayer([null, 6, 4]), new GRU(2)]);
        var bidirectional = new Bidirectional(new LSTM(3, returnSequences: true));
        KerasTensor y = bidirectional.Apply(inner.AsLayer().Apply(x));
        var outer = new Functional([x], [new TimeDistributed(new Dense(2)).Apply(y)]);
        var wrapped = new Sequential([new InputLayer([null, 5, 6, 4]), new TimeDistributed(perStep.AsLayer())]);

        Assert.That(outer.SetThreads(3), Is.EqualTo(3), "SimpleRNN in the nested model, the two halves of the Bidirectional");
        Assert.That(wrapped.SetThreads(2), Is.EqualTo(1), "the GRU of a model inside TimeDistributed");
        Assert.That(((RecurrentLayer)inner.Layers[0]).Threads, Is.EqualTo(3));
        Assert.That(new[] { bidirectional.Forward.Threads, bidirectional.Backward.Threads }, Is.EqualTo(new[] { 3, 3 }));
        Assert.That(((RecurrentLayer)perStep.Layers[0]).Threads, Is.EqualTo(2));
    }

    [Test]
    public void Negative_threads_are_refused_naming_the_model()
    {
        var model = new Sequential([new InputLayer([null, 5, 3]), new LSTM(2)], name: "stack");
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.SetThreads(-1));
        Assert.That(error!.Message, Does.Contain("model 'stack'"));
        Assert.That(((RecurrentLayer)model.Layers[0]).Threads, Is.EqualTo(0), "nothing was set");
    }

    [Test]
    public void A_loaded_model_gives_the_same_bits_at_any_thread_count()
    {
        string dir = Path.Combine(RepoPaths.WildModels, "ner_masked_bilstm_stack");
        if (!Directory.Exists(dir)) Assert.Inconclusive($"the shared wild model {dir} is absent");
        string file = new[] { "model.keras", "model.h5" }.Select(f => Path.Combine(dir, f)).FirstOrDefault(File.Exists)
            ?? throw new AssertionException($"{dir} has no model.keras or model.h5");
        Model model = KerasModel.Load(file).Model;
        FixtureCase fixture = CaseReader.Load(dir);
        var inputs = fixture.Runs[0].Inputs.Select((x, i) => CaseReader.LoadArray(fixture, x.File, $"inputs[{i}]").ToTensor()).ToList();

        Assert.That(model.SetThreads(1), Is.EqualTo(4), "two Bidirectional LSTMs, two halves each");
        int[] one = Bits(model.Call(inputs)[0]);
        model.SetThreads(3);
        int[] three = Bits(model.Call(inputs)[0]);

        Assert.That(three, Is.EqualTo(one));
        Assert.That(one.Any(b => b != 0), Is.True, "the model computed nothing");
    }

    static int[] Bits(Tensor t) => t.Data.Select(BitConverter.SingleToInt32Bits).ToArray();
}
