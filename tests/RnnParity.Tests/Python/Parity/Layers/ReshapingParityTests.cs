namespace RnnParity.Tests.Python.Parity.Layers;

/// <summary>Keras's reshaping layers in C# against <c>python/numpy_layers/reshaping.py</c>: values, shapes and the dropped mask.</summary>
[TestFixture, Category(PythonEnvironment.LiveNumPy)]
public sealed class ReshapingParityTests
{
    public static IEnumerable<TestCaseData> Cases()
    {
        LayerParityCase[] cases =
        [
            new("Flatten", """{"data_format": "channels_last"}""", [2, 3, 4, 5], Masked: true),
            new("Flatten", """{"data_format": "channels_first"}""", [2, 3, 4, 5]),
            new("Reshape", """{"target_shape": [5, -1]}""", [2, 3, 4, 5], Masked: true),
            new("Reshape", """{"target_shape": [60]}""", [2, 3, 4, 5]),
            new("Permute", """{"dims": [3, 1, 2]}""", [2, 3, 4, 5]),
            new("Permute", """{"dims": [2, 1]}""", [2, 6, 3], Masked: true),
            new("RepeatVector", """{"n": 4}""", [3, 5]),
            new("ZeroPadding1D", """{"padding": [2, 1], "data_format": "channels_last"}""", [2, 5, 3], Masked: true),
            new("ZeroPadding1D", """{"padding": [1, 3], "data_format": "channels_first"}""", [2, 5, 3]),
            new("Cropping1D", """{"cropping": [1, 2]}""", [2, 6, 3], Masked: true),
            new("UpSampling1D", """{"size": 3}""", [2, 4, 3], Masked: true),
        ];
        return cases.Select(c => new TestCaseData(c).SetName($"Parity({c})"));
    }

    [TestCaseSource(nameof(Cases))]
    public void Parity(LayerParityCase c)
    {
        PythonEnvironment.RequireNumpy();
        LayerParityResult r = LayerParity.Run(c);
        Assert.That(r.CSharpOutputShape, Is.EqualTo(r.NumpyOutputShape), "output shape");
        Assert.That(r.CSharpWeightShapes, Is.Empty);
        Assert.That(r.NumpyWeightShapes, Is.Empty);
        Assert.That(r.CSharp.Data, Is.EqualTo(r.Numpy.Data), "reshaping moves values without arithmetic: bit-exact");
        Assert.That(r.CSharp.Shape, Is.EqualTo(r.Numpy.Shape));
        Assert.That(r.CSharpMask, Is.Null);
        Assert.That(r.NumpyMask, Is.Null);
    }

    [Test]
    public void A_mismatched_option_is_caught()
    {
        PythonEnvironment.RequireNumpy();
        LayerParityResult r = LayerParity.Run(new("Permute", """{"dims": [3, 1, 2]}""", [2, 3, 4, 4]), numpyConfigJson: """{"dims": [3, 2, 1]}""");
        Assert.That(LayerParity.Difference(r.CSharp, r.Numpy), Is.Not.Null);
    }
}
