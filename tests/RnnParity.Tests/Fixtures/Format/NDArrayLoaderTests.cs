using NumSharp;
using RnnParity.Fixtures.Format;
using RnnParity.KerasConfig;

namespace RnnParity.Tests.Fixtures.Format;

/// <summary>
/// The fixture loaders in NumSharp form: <c>.npy</c> files and a case's weights, inputs and expected
/// outputs come back as <see cref="NDArray"/>s of the file's shape and dtype, and go straight into
/// <c>Model.SetWeights</c> / <c>Predict</c>.
/// </summary>
[TestFixture]
public sealed class NDArrayLoaderTests
{
    static readonly NpyArray[] Samples =
    [
        NpyArray.FromFloat32([1.5f, -0f, float.NaN, 3e-39f, float.PositiveInfinity, -2f], 2, 3),
        NpyArray.FromFloat64([0.1, -1e300, 5e-324], 3),
        NpyArray.FromInt32([int.MinValue, 0, int.MaxValue, 7], 2, 1, 2),
        NpyArray.FromInt64([-(1L << 53), 1L << 53, 3], 3, 1),
    ];

    [TestCaseSource(nameof(Samples))]
    public void ToNDArray_keeps_shape_dtype_and_values_and_FromNDArray_returns_them(NpyArray array)
    {
        NDArray nd = array.ToNDArray();
        Assert.That(nd.shape.Select(d => (int)d), Is.EqualTo(array.Shape));
        Assert.That(nd.dtype, Is.EqualTo(array.DType switch
        {
            NpyDType.Float32 => typeof(float),
            NpyDType.Float64 => typeof(double),
            NpyDType.Int32 => typeof(int),
            _ => typeof(long),
        }));
        NpyArray back = NpyArray.FromNDArray(nd);
        Assert.That(back.DType, Is.EqualTo(array.DType));
        Assert.That(back.Shape, Is.EqualTo(array.Shape));
        // Byte-level equality: NaN, -0 and subnormals survive.
        Assert.That(NpyWriter.ToBytes(back), Is.EqualTo(NpyWriter.ToBytes(array)));
    }

    [Test]
    public void NpyWriter_writes_an_NDArray_as_the_same_bytes_and_ReadNDArray_reads_it_back()
    {
        string dir = TestFiles.NewTempFolder("ndarray");
        NpyArray array = Samples[0];
        string path = Path.Combine(dir, "a.npy");
        NpyWriter.Write(path, array.ToNDArray());
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(NpyWriter.ToBytes(array)));
        Assert.That(NpyReader.ReadNDArray(path).ToArray<float>(), Is.EqualTo(array.ToFloatArray()));
        Directory.Delete(dir, recursive: true);
    }

    [Test]
    public void FromNDArray_refuses_a_dtype_fixtures_do_not_hold()
    {
        var e = Assert.Throws<NotSupportedException>(() => NpyArray.FromNDArray(np.array(new byte[] { 1, 2 })));
        Assert.That(e!.Message, Does.Contain("float32, float64, int32 or int64"));
    }

    [Test]
    public void A_cases_weights_and_inputs_predict_its_expected_outputs()
    {
        FixtureCase fixture = CaseReader.Load(RepoPaths.KerasCase("lstm_sequences"));
        RnnParity.Layers.Models.Keras.ClearSession();
        var model = ModelLoader.FromJson(File.ReadAllText(fixture.PathOf(fixture.ModelFile)));
        model.SetWeights(CaseReader.LoadWeights(fixture));
        NDArray actual = model.Predict(CaseReader.LoadInputs(fixture, 0).Single());
        NDArray expected = CaseReader.LoadExpectedOutputs(fixture, 0).Single();
        Assert.That(actual.shape, Is.EqualTo(expected.shape));
        float[] a = actual.ToArray<float>(), x = expected.ToArray<float>();
        for (int i = 0; i < a.Length; i++)
            Assert.That(Math.Abs(a[i] - x[i]), Is.LessThanOrEqualTo(fixture.Tolerance.Atol + fixture.Tolerance.Rtol * Math.Abs(x[i])), $"element {i}");
    }

    [Test]
    public void A_run_the_case_does_not_have_is_refused_with_the_run_count()
    {
        FixtureCase fixture = CaseReader.Load(RepoPaths.KerasCase("lstm_sequences"));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => CaseReader.LoadInputs(fixture, 1));
        Assert.That(e!.Message, Does.Contain("has 1 run(s)"));
    }
}
