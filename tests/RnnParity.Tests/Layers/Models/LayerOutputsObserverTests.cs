using RnnParity.Core.Tensors;
using RnnParity.Layers;
using RnnParity.Layers.Basic;
using RnnParity.Layers.Graph;
using RnnParity.Layers.Models;
using RnnParity.Layers.Recurrent;
using KerasApi = RnnParity.Layers.Models.Keras;

namespace RnnParity.Tests.Layers.Models;

/// <summary>
/// <c>Model.Call(inputs, onLayerOutputs)</c> hands each layer call's outputs over in graph order: the
/// observed outputs are what the next layer computes from, and the last one is the model's output.
/// </summary>
[TestFixture]
public sealed class LayerOutputsObserverTests
{
    [SetUp]
    public void ClearNames() => KerasApi.ClearSession();

    static void RandomWeights(Model model)
    {
        var random = new Random(7);
        model.SetWeights(model.GetWeightTensors()
            .Select(w => new Tensor(w.Shape, w.Data.Select(_ => (float)(random.NextDouble() - 0.5)).ToArray())).ToList());
    }

    static Tensor Input(params int[] shape)
    {
        var random = new Random(3);
        var data = new float[shape.Aggregate(1, (a, b) => a * b)];
        for (int i = 0; i < data.Length; i++) data[i] = (float)(random.NextDouble() * 2 - 1);
        return new Tensor(shape, data);
    }

    [Test]
    public void Sequential_hands_over_every_layer_in_order()
    {
        var rnn = new SimpleRNN(4, returnSequences: true, batchInputShape: (2, 5, 3));
        var dense = new Dense(2);
        var model = new Sequential();
        model.Add(rnn);
        model.Add(dense);
        RandomWeights(model);
        var seen = new List<(Layer Layer, int Call, Tensor Output)>();

        Tensor y = model.Call([Input(2, 5, 3)], (layer, call, outputs) => seen.Add((layer, call, outputs[0])))[0];

        Assert.That(seen.Select(s => s.Layer), Is.EqualTo(model.Layers));
        Assert.That(seen.Select(s => s.Call), Is.All.EqualTo(0));
        Assert.That(seen[1].Output.Data, Is.EqualTo(y.Data));
        Assert.That(dense.Call([seen[0].Output])[0].Data, Is.EqualTo(y.Data), "the Dense output recomputed from the observed SimpleRNN output");
    }

    [Test]
    public void Functional_hands_over_inputs_and_every_output_of_a_layer()
    {
        KerasTensor x = KerasApi.Input([5, 3]);
        var rnn = new SimpleRNN(4, returnSequences: true, returnState: true);
        var outputs = rnn.ApplyMany([x]);
        var dense = new Dense(2);
        KerasTensor y = dense.Apply(outputs[1]);
        var model = new Functional([x], [y, outputs[0]]);
        RandomWeights(model);
        var seen = new Dictionary<Layer, IReadOnlyList<Tensor>>();
        Tensor input = Input(2, 5, 3);

        var result = model.Call([input], (layer, call, outs) => seen.Add(layer, outs));

        Assert.That(seen.Keys, Is.EquivalentTo(model.Layers));
        Assert.That(seen[model.Layers[0]][0].Data, Is.EqualTo(input.Data));
        Assert.That(seen[rnn], Has.Count.EqualTo(2));
        Assert.That(seen[rnn][0].Data, Is.EqualTo(result[1].Data));
        Assert.That(dense.Call([seen[rnn][1]])[0].Data, Is.EqualTo(result[0].Data), "the Dense output recomputed from the observed final state");
    }

    [Test]
    public void Without_an_observer_the_outputs_are_the_same()
    {
        var model = new Sequential();
        model.Add(new SimpleRNN(3, batchInputShape: (1, 4, 2)));
        RandomWeights(model);
        Tensor x = Input(1, 4, 2);
        Assert.That(model.Call([x], (_, _, _) => { })[0].Data, Is.EqualTo(model.Call([x])[0].Data));
    }
}
