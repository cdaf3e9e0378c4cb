using NumSharp;
using RnnParity.Layers.Models;
using RnnParity.Layers.Recurrent;

namespace RnnParity.Tests;

/// <summary>The README's C# example, compiled and run, so the documentation cannot rot.</summary>
[TestFixture]
public sealed class ReadmeExampleTests
{
    [Test]
    public void The_readme_example_runs_as_documented()
    {
        var lines = new List<string>();
        Keras.ClearSession();
        var model = new Sequential();
        model.Add(new SimpleRNN(3, inputShape: (2, 10)));
        model.Summary(printFn: lines.Add);
        Assert.That(model.CountParams(), Is.EqualTo(42));
        Assert.That(lines, Has.Some.Contains("simple_rnn (SimpleRNN)"));

        var batch8 = new Sequential();
        batch8.Add(new SimpleRNN(3, returnSequences: true, batchInputShape: (8, 2, 10)));
        NDArray y = batch8.Predict(np.random.rand(8, 2, 10).astype(np.float32));
        Assert.That(y.shape.Select(d => (int)d), Is.EqualTo(new[] { 8, 2, 3 }));

        var x = Keras.Input([6, 3]);
        var s = Keras.Input([4]);
        var seq = new SimpleRNN(4, returnSequences: true).Apply(x, initialState: [s]);
        var functional = new Functional([x, s], [seq]);
        Assert.That(functional.OutputShapes[0], Is.EqualTo(new int?[] { null, 6, 4 }));
        Assert.That(functional.IsSequentialLike, Is.False);
    }
}
