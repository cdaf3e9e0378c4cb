using NumSharp;
using RnnParity.Layers;
using RnnParity.Layers.Models;
using RnnParity.Layers.Recurrent;

namespace RnnParity.Tests.Layers.Models;

/// <summary>Keras's refusals and conveniences that the API keeps.</summary>
[TestFixture]
public sealed class ApiGuardTests
{
    [Test]
    public void Predict_builds_a_sequential_model_that_has_no_declared_input()
    {
        Keras.ClearSession();
        var model = new Sequential();
        model.Add(new LSTM(4, returnSequences: true));

        NDArray y = model.Predict(np.zeros(new Shape(2, 5, 3), NPTypeCode.Single));

        Assert.That(y.shape.Select(d => (int)d), Is.EqualTo(new[] { 2, 5, 4 }));
        Assert.That(model.CountParams(), Is.EqualTo(4 * (3 * 4 + 4 * 4 + 4)));
    }

    [Test]
    public void Unroll_needs_a_known_number_of_timesteps_as_in_keras()
    {
        Keras.ClearSession();
        var layer = new SimpleRNN(3, unroll: true, inputShape: (null, 4));

        var e = Assert.Throws<LayerConfigurationException>(() => new Sequential([layer]));
        Assert.That(e!.Message, Does.Contain("simple_rnn").And.Contain("unroll").And.Contain("time dimension"));
    }

    [Test]
    public void Apply_refuses_to_drop_the_outputs_of_a_layer_with_several()
    {
        Keras.ClearSession();
        var x = Keras.Input([5, 4]);
        var layer = new SimpleRNN(3, returnState: true);

        var e = Assert.Throws<InvalidOperationException>(() => layer.Apply(x));
        Assert.That(e!.Message, Does.Contain("2 outputs").And.Contain("ApplyMany"));
        Assert.That(layer.ApplyMany([x]), Has.Count.EqualTo(2));
        Assert.That(layer.ApplyMany([x])[0].NodeIndex, Is.EqualTo(1), "the refused Apply recorded no call");
    }
}
