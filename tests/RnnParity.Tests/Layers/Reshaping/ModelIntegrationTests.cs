using RnnParity.Core.Tensors;
using RnnParity.Layers;
using RnnParity.Layers.Activations;
using RnnParity.Layers.Basic;
using RnnParity.Layers.Models;
using RnnParity.Layers.Recurrent;
using RnnParity.Layers.Reshaping;
using KerasActivation = RnnParity.Layers.Activations.Activation;

namespace RnnParity.Tests.Layers.Reshaping;

/// <summary>The new layers inside models: symbolic shapes through a functional graph, the summary rows, and
/// what happens downstream when a layer keeps or drops the mask (Keras 3.15's supports_masking).</summary>
[TestFixture]
public sealed class ModelIntegrationTests
{
    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    [Test]
    public void A_functional_graph_carries_kerass_shapes_and_summary_rows()
    {
        var x = RnnParity.Layers.Models.Keras.Input([6, 3]);
        var p = new Permute([2, 1]).Apply(x);
        var f = new Flatten().Apply(p);
        var d = new Dense(4).Apply(f);
        var r = new RepeatVector(2).Apply(new ReLU(maxValue: 6).Apply(d));
        var y = new Softmax().Apply(new UpSampling1D(3).Apply(new ZeroPadding1D(1).Apply(r)));
        var model = new Functional([x], [y]);

        Assert.That(model.Layers.Select(l => ShapeUtil.Format(l.OutputShapes[0])), Is.EqualTo(new[]
        {
            "(None, 6, 3)", "(None, 3, 6)", "(None, 18)", "(None, 4)", "(None, 4)", "(None, 2, 4)", "(None, 4, 4)", "(None, 12, 4)", "(None, 12, 4)",
        }));
        Assert.That(model.CountParams(), Is.EqualTo(18 * 4 + 4));
        string summary = ModelSummary.Text(model);
        foreach (string row in new[] { "permute (Permute)", "flatten (Flatten)", "re_lu (ReLU)", "repeat_vector (RepeatVector)", "zero_padding1d", "up_sampling1d", "softmax (Softmax)" })
            Assert.That(summary, Does.Contain(row));

        Tensor output = model.Call([new Tensor(2, 6, 3)])[0];
        Assert.That(output.Shape, Is.EqualTo(new[] { 2, 12, 4 }));
    }

    static Sequential EmbeddingRnn(Layer? between)
    {
        var model = new Sequential();
        model.Add(new InputLayer([null, 5]));
        model.Add(new Embedding(6, 3, maskZero: true));
        if (between is not null) model.Add(between);
        model.Add(new SimpleRNN(2));
        var random = new Random(7);
        model.SetWeights(model.WeightPaths().Select(w =>
            new Tensor(w.Weight.Shape, Enumerable.Range(0, (int)w.Weight.Count).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray())).ToList());
        return model;
    }

    /// <summary>Embedding(mask_zero) → layer → SimpleRNN on post-padded ids: a layer that keeps the mask makes the RNN
    /// skip the padding (same as no layer), one that drops it lets the padding steps run.</summary>
    [Test]
    public void Activation_layers_keep_the_mask_and_reshaping_layers_drop_it()
    {
        var ids = new Tensor([2, 5], [1, 2, 3, 0, 0, 4, 5, 0, 0, 0]);
        Tensor plain = EmbeddingRnn(null).Call(ids);
        Tensor viaActivation = EmbeddingRnn(new KerasActivation("linear")).Call(ids);
        Tensor viaReshape = EmbeddingRnn(new Reshape([5, 3])).Call(ids);

        Assert.That(viaActivation.Data, Is.EqualTo(plain.Data));
        Assert.That(viaReshape.Data, Is.Not.EqualTo(plain.Data));
    }
}
