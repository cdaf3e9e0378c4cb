using NumSharp;
using RnnParity.Core.Tensors;
using RnnParity.Layers.Models;
using RnnParity.Layers.Recurrent;
using RnnParity.Layers.Summary;
using KerasApi = RnnParity.Layers.Models.Keras;

namespace RnnParity.Tests.Layers.Models;

/// <summary>
/// The tutorial's Keras examples (<c>rnn-tutorial-notes.md</c>, "케라스로 RNN 구현하기") written with the C# API:
/// <c>SimpleRNN(3, input_shape=(2, 10))</c> has 42 parameters and outputs (None, 3); <c>batch_input_shape=(8, 2, 10)</c>
/// gives (8, 3), and (8, 2, 3) with return_sequences.
/// </summary>
[TestFixture]
public sealed class TutorialApiTests
{
    [SetUp]
    public void ClearNames() => KerasApi.ClearSession();

    static Sequential TutorialModel(SimpleRNN layer)
    {
        var model = new Sequential();
        model.Add(layer);
        return model;
    }

    [Test]
    public void Input_shape_2_by_10_gives_42_params_and_output_none_3()
    {
        var model = TutorialModel(new SimpleRNN(3, inputShape: (2, 10)));
        Assert.That(model.CountParams(), Is.EqualTo(42));
        Assert.That(model.OutputShapes.Single(), Is.EqualTo(new int?[] { null, 3 }));
        Assert.That(model.InputShapes.Single(), Is.EqualTo(new int?[] { null, 2, 10 }));
    }

    [Test]
    public void Automatic_names_start_at_simple_rnn_after_clear_session_and_count_up()
    {
        var first = new SimpleRNN(3, inputShape: (2, 10));
        var second = new SimpleRNN(3, inputShape: (2, 10));
        Assert.That(first.Name, Is.EqualTo("simple_rnn"));
        Assert.That(second.Name, Is.EqualTo("simple_rnn_1"));
        Assert.That(new Sequential().Name, Is.EqualTo("sequential"));
        Assert.That(new Sequential().Name, Is.EqualTo("sequential_1"));
    }

    [Test]
    public void Clear_session_restarts_the_numbering()
    {
        _ = new SimpleRNN(3);
        KerasApi.ClearSession();
        Assert.That(new SimpleRNN(3).Name, Is.EqualTo("simple_rnn"));
    }

    [Test]
    public void Batch_input_shape_8_2_10_gives_output_8_3()
    {
        var model = TutorialModel(new SimpleRNN(3, batchInputShape: (8, 2, 10)));
        Assert.That(model.OutputShapes.Single(), Is.EqualTo(new int?[] { 8, 3 }));
        Assert.That(model.CountParams(), Is.EqualTo(42));
    }

    [Test]
    public void Batch_input_shape_with_return_sequences_gives_output_8_2_3()
    {
        var model = TutorialModel(new SimpleRNN(3, batchInputShape: (8, 2, 10), returnSequences: true));
        Assert.That(model.OutputShapes.Single(), Is.EqualTo(new int?[] { 8, 2, 3 }));
        Assert.That(model.CountParams(), Is.EqualTo(42));
    }

    [Test]
    public void Input_length_and_input_dim_mean_the_same_as_input_shape()
    {
        var model = TutorialModel(new SimpleRNN(3, inputLength: 2, inputDim: 10));
        Assert.That(model.InputShapes.Single(), Is.EqualTo(new int?[] { null, 2, 10 }));
        Assert.That(model.OutputShapes.Single(), Is.EqualTo(new int?[] { null, 3 }));
        Assert.That(model.CountParams(), Is.EqualTo(42));
    }

    [Test]
    public void Summary_prints_the_keras_3_reference_text()
    {
        var model = TutorialModel(new SimpleRNN(3, inputShape: (2, 10)));
        var lines = new List<string>();
        model.Summary(printFn: lines.Add);
        string expected = File.ReadAllText(Path.Combine(RepoPaths.KerasCase("seed_simple_rnn_last"), "summary.txt")).Replace("\r\n", "\n");
        Assert.That(string.Join("\n", lines) + "\n", Is.EqualTo(expected));
    }

    [Test]
    public void Summary_in_keras_2_legacy_style_prints_the_table_of_the_notes()
    {
        _ = TutorialModel(new SimpleRNN(3, inputShape: (2, 10)));
        var model = TutorialModel(new SimpleRNN(3, inputShape: (2, 10)));
        var lines = new List<string>();
        model.Summary(style: SummaryStyle.Keras2Legacy, printFn: lines.Add);
        Assert.That(lines, Is.EqualTo(TutorialNotes.Keras2SummaryOf42ParameterModel));
    }

    [Test]
    public void Input_shape_together_with_batch_input_shape_is_refused() =>
        Assert.Throws<ArgumentException>(() => _ = new SimpleRNN(3, inputShape: (2, 10), batchInputShape: (8, 2, 10)));

    [Test]
    public void Input_shape_together_with_input_dim_is_refused() =>
        Assert.Throws<ArgumentException>(() => _ = new SimpleRNN(3, inputShape: (2, 10), inputLength: 2, inputDim: 10));

    [Test]
    public void Batch_input_shape_together_with_input_dim_is_refused() =>
        Assert.Throws<ArgumentException>(() => _ = new SimpleRNN(3, batchInputShape: (8, 2, 10), inputDim: 10));

    [Test]
    public void Input_length_without_input_dim_is_refused()
    {
        Assert.Throws<ArgumentException>(() => _ = new SimpleRNN(3, inputLength: 2));
    }

    /// <summary>Deterministic, non-zero weights (zeros would make every output equal).</summary>
    static void RandomWeights(Model model, int seed)
    {
        var random = new Random(seed);
        model.SetWeights(model.GetWeightTensors()
            .Select(w => new Tensor(w.Shape, w.Data.Select(_ => (float)(random.NextDouble() - 0.5)).ToArray()))
            .ToList());
    }

    static NDArray Array3(int a, int b, int c, int seed)
    {
        var random = new Random(seed);
        var data = new float[a * b * c];
        for (int i = 0; i < data.Length; i++) data[i] = (float)(random.NextDouble() * 2 - 1);
        return np.array(data).reshape(a, b, c);
    }

    static int[] ShapeOf(NDArray x) => x.shape.Select(d => (int)d).ToArray();

    [Test]
    public void Predict_maps_batch_timesteps_features_to_batch_units()
    {
        var model = TutorialModel(new SimpleRNN(3, inputShape: (2, 10)));
        RandomWeights(model, 1);
        var y = model.Predict(Array3(5, 2, 10, 2));
        Assert.That(ShapeOf(y), Is.EqualTo(new[] { 5, 3 }));
        Assert.That(y.flatten().ToArray<float>(), Has.Some.Not.EqualTo(0f));
    }

    [Test]
    public void Predict_on_a_2d_sequence_runs_a_batch_of_one_and_drops_it_again()
    {
        var model = TutorialModel(new SimpleRNN(3, inputShape: (2, 10), returnSequences: true));
        RandomWeights(model, 3);
        NDArray batch = Array3(4, 2, 10, 4);
        float[] first = batch.flatten().ToArray<float>()[..20];
        NDArray single = np.array(first).reshape(2, 10);

        NDArray y2 = model.Predict(single);
        NDArray y1 = model.Predict(np.array(first).reshape(1, 2, 10));
        NDArray y3 = model.Predict(batch);

        Assert.That(ShapeOf(y2), Is.EqualTo(new[] { 2, 3 }));
        Assert.That(ShapeOf(y1), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(ShapeOf(y3), Is.EqualTo(new[] { 4, 2, 3 }));
        Assert.That(y2.flatten().ToArray<float>(), Is.EqualTo(y1.flatten().ToArray<float>()), "same as the 3-D call on a batch of one");
        // Against a larger batch only within float32 rounding: the vectorised tanh rounds a few values one ulp apart
        // from the scalar path taken for short rows.
        Assert.That(y2.flatten().ToArray<float>(), Is.EqualTo(y3.flatten().ToArray<float>()[..6]).Within(1e-6f), "first item of a 3-D batch");
    }
}
