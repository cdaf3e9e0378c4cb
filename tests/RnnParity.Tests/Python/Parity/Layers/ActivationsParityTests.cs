namespace RnnParity.Tests.Python.Parity.Layers;

/// <summary>Keras's activation layers (and every activation by name, through <c>Activation</c>) in C# against <c>python/numpy_layers/activations.py</c>.</summary>
[TestFixture, Category(PythonEnvironment.LiveNumPy)]
public sealed class ActivationsParityTests
{
    static readonly string[] Names =
    [
        "linear", "tanh", "sigmoid", "hard_sigmoid", "relu", "relu6", "leaky_relu", "elu", "selu", "celu", "softplus",
        "softsign", "silu", "swish", "hard_silu", "hard_swish", "hard_tanh", "tanh_shrink", "exponential", "log_sigmoid",
        "mish", "sparse_sigmoid", "softmax", "log_softmax", "gelu", "hard_shrink", "soft_shrink", "sparse_plus",
        "squareplus", "sparsemax",
    ];

    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (string name in Names)
            yield return Case(new LayerParityCase("Activation", $$"""{"activation": "{{name}}"}""", [3, 4, 7]));
        yield return Case(new LayerParityCase("Activation", """{"activation": "relu"}""", [2, 5, 3], Masked: true));
        yield return Case(new LayerParityCase("ReLU", """{"max_value": null, "negative_slope": 0.0, "threshold": 0.0}""", [3, 4, 5]));
        yield return Case(new LayerParityCase("ReLU", """{"max_value": 6.0, "negative_slope": 0.0, "threshold": 0.0}""", [3, 4, 5]));
        yield return Case(new LayerParityCase("ReLU", """{"max_value": null, "negative_slope": 0.2, "threshold": 0.0}""", [3, 4, 5]));
        yield return Case(new LayerParityCase("ReLU", """{"max_value": 2.0, "negative_slope": 0.3, "threshold": 0.5}""", [3, 4, 5], Masked: true));
        yield return Case(new LayerParityCase("LeakyReLU", """{"negative_slope": 0.1}""", [3, 4, 5]));
        yield return Case(new LayerParityCase("LeakyReLU", """{"alpha": 0.25}""", [3, 4, 5]));
        yield return Case(new LayerParityCase("ELU", """{"alpha": 0.7}""", [3, 4, 5], Masked: true));
        yield return Case(new LayerParityCase("PReLU", """{"shared_axes": null}""", [3, 4, 5]));
        yield return Case(new LayerParityCase("PReLU", """{"shared_axes": [1]}""", [3, 4, 5], Masked: true));
        yield return Case(new LayerParityCase("PReLU", """{"shared_axes": [1, 2]}""", [2, 3, 4, 5]));
        yield return Case(new LayerParityCase("Softmax", """{"axis": -1}""", [3, 4, 5]));
        yield return Case(new LayerParityCase("Softmax", """{"axis": 1}""", [3, 4, 5]));
        yield return Case(new LayerParityCase("Softmax", """{"axis": -1}""", [3, 6], Masked: true));
        yield return Case(new LayerParityCase("Softmax", """{"axis": 1}""", [4, 4, 4], Masked: true));
        yield return Case(new LayerParityCase("Softmax", """{"axis": [1, 2]}""", [3, 4, 5]));
        yield return Case(new LayerParityCase("Softmax", """{"axis": [2, 0]}""", [4, 4, 4], Masked: true));
    }

    static TestCaseData Case(LayerParityCase c) => new TestCaseData(c).SetName($"Parity({c})");

    [TestCaseSource(nameof(Cases))]
    public void Parity(LayerParityCase c)
    {
        PythonEnvironment.RequireNumpy();
        LayerParityResult r = LayerParity.Run(c);
        Assert.That(r.CSharpOutputShape, Is.EqualTo(r.NumpyOutputShape), "output shape");
        Assert.That(r.CSharpWeightShapes, Is.EqualTo(r.NumpyWeightShapes), "weight shapes");
        Assert.That(LayerParity.Difference(r.CSharp, r.Numpy), Is.Null);
        Assert.That(r.CSharpMask?.Select(b => b ? 1f : 0f), Is.EqualTo(r.NumpyMask), "mask");
    }

    /// <summary>The comparison must be able to fail: a different slope on the NumPy side is caught.</summary>
    [Test]
    public void A_mismatched_option_is_caught()
    {
        PythonEnvironment.RequireNumpy();
        var c = new LayerParityCase("LeakyReLU", """{"negative_slope": 0.1}""", [3, 4, 5]);
        LayerParityResult r = LayerParity.Run(c, numpyConfigJson: """{"negative_slope": 0.2}""");
        Assert.That(LayerParity.Difference(r.CSharp, r.Numpy), Is.Not.Null);
    }
}
