using NumSharp;
using RnnParity.Layers.Models;
using RnnParity.Layers.Recurrent;
using KerasApi = RnnParity.Layers.Models.Keras;

namespace RnnParity.Tests.Layers.Models;

/// <summary>
/// One array story on <see cref="Model"/>: NumSharp <see cref="NDArray"/>s and plain (float[], shape)
/// pairs go in and come out of Predict, PredictMany, GetWeights and SetWeights, and both forms give
/// the same numbers as the compute type underneath.
/// </summary>
[TestFixture]
public sealed class ArrayApiTests
{
    [SetUp]
    public void ClearNames() => KerasApi.ClearSession();

    static Sequential Lstm(int seed)
    {
        var model = new Sequential();
        model.Add(new LSTM(4, returnSequences: true, inputShape: (5, 3)));
        var random = new Random(seed);
        model.SetWeights(model.GetWeightArrays()
            .Select(w => (w.Data.Select(_ => (float)(random.NextDouble() - 0.5)).ToArray(), w.Shape))
            .ToList());
        return model;
    }

    static float[] Values(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    [Test]
    public void Plain_arrays_predict_the_same_values_and_shape_as_NDArrays()
    {
        var model = Lstm(1);
        float[] x = Values(2 * 5 * 3, 2);
        NDArray viaNumSharp = model.Predict(np.array(x).reshape(2, 5, 3));
        var (data, shape) = model.Predict(x, [2, 5, 3]);
        Assert.That(shape, Is.EqualTo(viaNumSharp.shape.Select(d => (int)d).ToArray()));
        Assert.That(data, Is.EqualTo(viaNumSharp.ToArray<float>()));
        Assert.That(data.Any(v => v != 0f), Is.True, "random weights give non-zero outputs");
    }

    [Test]
    public void Plain_predict_keeps_the_unbatched_2d_convenience()
    {
        var model = Lstm(3);
        float[] x = Values(5 * 3, 4);
        var (one, oneShape) = model.Predict(x, [5, 3]);
        var (batched, batchedShape) = model.Predict(x, [1, 5, 3]);
        Assert.That(oneShape, Is.EqualTo(new[] { 5, 4 }));
        Assert.That(batchedShape, Is.EqualTo(new[] { 1, 5, 4 }));
        Assert.That(one, Is.EqualTo(batched));
    }

    [Test]
    public void Plain_predict_refuses_data_that_does_not_fill_the_shape()
    {
        var model = Lstm(5);
        var e = Assert.Throws<ArgumentException>(() => model.Predict(new float[7], [2, 5, 3]));
        Assert.That(e!.Message, Does.Contain("7 elements").And.Contain("(2, 5, 3)"));
    }

    [Test]
    public void PredictMany_with_plain_arrays_matches_PredictMany_with_NDArrays()
    {
        var x = KerasApi.Input([5, 3]);
        var s = KerasApi.Input([4]);
        var seq = new SimpleRNN(4, returnSequences: true).Apply(x, initialState: [s]);
        var model = new Functional([x, s], [seq]);
        var random = new Random(6);
        model.SetWeights(model.GetWeights().Select(w => np.array(Enumerable.Range(0, (int)w.size).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray()).reshape(w.shape)).ToList());
        float[] xs = Values(2 * 5 * 3, 7), ss = Values(2 * 4, 8);
        var plain = model.PredictMany((xs, [2, 5, 3]), (ss, [2, 4]));
        var numSharp = model.PredictMany(np.array(xs).reshape(2, 5, 3), np.array(ss).reshape(2, 4));
        Assert.That(plain, Has.Length.EqualTo(1));
        Assert.That(plain[0].Shape, Is.EqualTo(new[] { 2, 5, 4 }));
        Assert.That(plain[0].Data, Is.EqualTo(numSharp[0].ToArray<float>()));
    }

    [Test]
    public void GetWeights_NDArrays_and_plain_arrays_hold_the_same_copies_in_keras_order()
    {
        var model = Lstm(9);
        var nd = model.GetWeights();
        var plain = model.GetWeightArrays();
        var tensors = model.GetWeightTensors();
        // LSTM(4) on 3 features: kernel (3, 16), recurrent_kernel (4, 16), bias (16,), Keras's get_weights() order.
        Assert.That(plain.Select(w => w.Shape), Is.EqualTo(new[] { new[] { 3, 16 }, new[] { 4, 16 }, new[] { 16 } }));
        for (int i = 0; i < nd.Length; i++)
        {
            Assert.That(nd[i].dtype, Is.EqualTo(typeof(float)));
            Assert.That(nd[i].shape.Select(d => (int)d), Is.EqualTo(plain[i].Shape));
            Assert.That(nd[i].ToArray<float>(), Is.EqualTo(plain[i].Data));
            Assert.That(tensors[i].Data, Is.EqualTo(plain[i].Data));
        }
        plain[0].Data[0] += 1f;
        Assert.That(model.GetWeightArrays()[0].Data[0], Is.Not.EqualTo(plain[0].Data[0]), "GetWeightArrays returns copies");
    }

    [Test]
    public void SetWeights_from_NDArrays_reproduces_the_model()
    {
        var source = Lstm(11);
        KerasApi.ClearSession();
        var copy = new Sequential();
        copy.Add(new LSTM(4, returnSequences: true, inputShape: (5, 3)));
        copy.SetWeights(source.GetWeights());
        NDArray x = np.array(Values(3 * 5 * 3, 12)).reshape(3, 5, 3);
        Assert.That(copy.Predict(x).ToArray<float>(), Is.EqualTo(source.Predict(x).ToArray<float>()));
    }

    [Test]
    public void SetWeights_reads_float64_NDArrays_as_float32()
    {
        var model = Lstm(13);
        var asDouble = model.GetWeights().Select(w => w.astype(np.float64)).ToList();
        var expected = model.GetWeightArrays();
        model.SetWeights(model.GetWeightArrays().Select(w => (new float[w.Data.Length], w.Shape)).ToList());
        model.SetWeights(asDouble);
        Assert.That(model.GetWeightArrays().Select(w => w.Data), Is.EqualTo(expected.Select(w => w.Data)));
    }

    [Test]
    public void SetWeights_refuses_a_wrong_shape_naming_the_weight_and_assigns_nothing()
    {
        var model = Lstm(15);
        var before = model.GetWeightArrays();
        var bad = model.GetWeights().ToList();
        bad[0] = np.zeros(new Shape(16, 3), np.float32);
        bad[2] = np.zeros(new Shape(16), np.float32);
        var e = Assert.Throws<ArgumentException>(() => model.SetWeights(bad));
        Assert.That(e!.Message, Does.Contain("weight 0").And.Contain("kernel").And.Contain("(3, 16)").And.Contain("(16, 3)"));
        Assert.That(model.GetWeightArrays().Select(w => w.Data), Is.EqualTo(before.Select(w => w.Data)), "nothing assigned");
    }
}
