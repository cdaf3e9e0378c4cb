using RnnParity.Core.Tensors;
using RnnParity.Layers.Recurrent;
using KerasApi = RnnParity.Layers.Models.Keras;

namespace RnnParity.Tests.Layers.Recurrent;

/// <summary><see cref="RecurrentLayer.Call(Tensor, Span{float}, IReadOnlyList{Tensor}?)"/> writes exactly
/// what <c>Call</c> returns into the caller's buffer (sequences or last output, with a mask and
/// initial states), carries a stateful layer's states the same way, and refuses a wrong length.</summary>
[TestFixture]
public sealed class CallIntoDestinationTests
{
    [SetUp]
    public void ClearNames() => KerasApi.ClearSession();

    static IEnumerable<TestCaseData> Layers()
    {
        yield return new TestCaseData((Func<RecurrentLayer>)(() => new LSTM(7, returnSequences: true)), true).SetName("LSTM sequences");
        yield return new TestCaseData((Func<RecurrentLayer>)(() => new GRU(5, goBackwards: true)), false).SetName("GRU last output, backwards");
        yield return new TestCaseData((Func<RecurrentLayer>)(() => new SimpleRNN(6, returnSequences: true, stateful: true)), true).SetName("SimpleRNN stateful");
    }

    [TestCaseSource(nameof(Layers))]
    public void DestinationHoldsWhatCallReturns(Func<RecurrentLayer> make, bool sequences)
    {
        var layer = make();
        var twin = make();
        Tensor x = SeededTensors.Uniform(1, 3, 4, 2);
        x.Mask = [true, true, false, true, true, false, true, true, true, true, true, false];
        layer.Call(x);
        twin.Call(x);
        var random = new Random(2);
        for (int w = 0; w < layer.Weights.Count; w++)
            for (int i = 0; i < layer.Weights[w].Data.Length; i++)
                layer.Weights[w].Data[i] = twin.Weights[w].Data[i] = (float)(random.NextDouble() - 0.5);
        layer.ResetStates();
        twin.ResetStates();
        for (int call = 0; call < 2; call++) // the second call of the stateful layer starts from the first's states
        {
            float[] expected = layer.Call(x).Data;
            var destination = new float[(sequences ? 3 * 4 : 3) * twin.Units];
            twin.Call(x, destination);
            Assert.That(destination, Is.EqualTo(expected), $"call {call}");
            Assert.That(destination.Any(v => v != 0), Is.True);
        }
        Tensor[] states = [.. Enumerable.Range(0, layer.StateCount).Select(k => SeededTensors.Uniform(10 + k, 3, layer.Units))];
        float[] withStates = layer.Call([x, .. states])[0].Data;
        var into = new float[withStates.Length];
        twin.Call(x, into, states);
        Assert.That(into, Is.EqualTo(withStates), "initial states");
    }

    [Test]
    public void WrongDestinationLengthIsRefused()
    {
        var layer = new LSTM(4, returnSequences: true);
        var e = Assert.Throws<RnnParity.Layers.LayerConfigurationException>(() => layer.Call(SeededTensors.Uniform(1, 2, 3, 5), new float[2 * 4]));
        Assert.That(e!.Message, Does.Contain("destination").And.Contain("24"));
    }
}
