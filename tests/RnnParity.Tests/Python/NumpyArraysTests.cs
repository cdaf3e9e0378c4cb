using Python.Runtime;
using RnnParity.Core.Tensors;
using RnnParity.Python;

namespace RnnParity.Tests.Python;

[Category(PythonEnvironment.LiveNumPy)]
public sealed class NumpyArraysTests
{
    /// <summary>Values whose bits a careless conversion would change: NaN payloads and sign, ±inf,
    /// -0, subnormals, extremes.</summary>
    static readonly float[] Awkward =
    [
        float.NaN, BitConverter.Int32BitsToSingle(0x7FC0_1234), BitConverter.Int32BitsToSingle(unchecked((int)0xFFC0_0001)),
        float.PositiveInfinity, float.NegativeInfinity, -0f, 0f, float.Epsilon, -float.Epsilon,
        1.17549421e-38f, float.MaxValue, float.MinValue, 1f / 3f, -2.5f, 1e-7f,
    ];

    static IEnumerable<int[]> Shapes() => [[0], [3], [2, 3, 4]];

    static Tensor Filled(int[] shape)
    {
        var t = new Tensor(shape);
        for (int i = 0; i < t.Length; i++) t.Data[i] = i < Awkward.Length ? Awkward[i] : i * 0.37f - 3f;
        return t;
    }

    static void AssertBitExact(Tensor actual, Tensor expected)
    {
        Assert.That(actual.Shape, Is.EqualTo(expected.Shape));
        for (int i = 0; i < expected.Length; i++)
        {
            int a = BitConverter.SingleToInt32Bits(actual.Data[i]);
            int e = BitConverter.SingleToInt32Bits(expected.Data[i]);
            if (a != e) Assert.Fail($"index {i}: got 0x{a:X8} ({actual.Data[i]}), expected 0x{e:X8} ({expected.Data[i]})");
        }
    }

    [TestCaseSource(nameof(Shapes))]
    public void RoundTrip_IsBitExact(int[] shape)
    {
        PythonEnvironment.RequireNumpy();
        var tensor = Filled(shape);
        using (Py.GIL())
        {
            using var array = NumpyArrays.ToNumpy(tensor);
            using var dtype = array.GetAttr("dtype");
            Assert.That(dtype.GetAttr("str").As<string>(), Is.EqualTo("<f4"));
            using var flags = array.GetAttr("flags");
            Assert.That(flags.GetAttr("c_contiguous").As<bool>(), Is.True);
            AssertBitExact(NumpyArrays.ToTensor(array), tensor);
        }
    }

    [TestCaseSource(nameof(Shapes))]
    public void RoundTrip_ThroughAPythonFunction_IsBitExact(int[] shape)
    {
        PythonEnvironment.RequireNumpy();
        var tensor = Filled(shape);
        using (Py.GIL())
        {
            using var echoed = PythonCall.Invoke("bridge_selftest", "echo", tensor);
            AssertBitExact(NumpyArrays.ToTensor(echoed), tensor);
        }
    }

    [Test]
    public void RoundTrip_OneMillionElements()
    {
        PythonEnvironment.RequireNumpy();
        var tensor = new Tensor(1000, 1000);
        for (int i = 0; i < tensor.Length; i++) tensor.Data[i] = (i % 9973) * 0.5f - 17f;
        using (Py.GIL())
        {
            using var array = NumpyArrays.ToNumpy(tensor);
            using var total = PythonCall.Invoke("bridge_selftest", "total", array);
            double expected = tensor.Data.Sum(v => (double)v);
            Assert.That(total.InvokeMethod("item").As<double>(), Is.EqualTo(expected).Within(1e-6).Percent);
            AssertBitExact(NumpyArrays.ToTensor(array), tensor);
        }
    }

    [Test]
    public void ToTensor_ReadsAnArrayMadeInPython()
    {
        PythonEnvironment.RequireNumpy();
        using (Py.GIL())
        {
            using var array = PythonCall.Invoke("bridge_selftest", "arange_f32", 5);
            var t = NumpyArrays.ToTensor(array);
            Assert.That(t.Shape, Is.EqualTo(new[] { 5 }));
            Assert.That(t.Data, Is.EqualTo(new[] { 0f, 1f, 2f, 3f, 4f }));
        }
    }

    [Test]
    public void ToTensor_ConvertsOtherDtypesAndNonContiguousViews()
    {
        PythonEnvironment.RequireNumpy();
        using (Py.GIL())
        {
            using var np = Py.Import("numpy");
            using var int64 = np.GetAttr("int64");
            using var six = new PyInt(6);
            using var range = np.InvokeMethod("arange", six);
            using var ints = range.InvokeMethod("astype", int64);
            using var two = new PyInt(2);
            using var three = new PyInt(3);
            using var matrix = ints.InvokeMethod("reshape", two, three);
            using var transposed = matrix.GetAttr("T"); // a Fortran-ordered view
            var t = NumpyArrays.ToTensor(transposed);
            Assert.That(t.Shape, Is.EqualTo(new[] { 3, 2 }));
            Assert.That(t.Data, Is.EqualTo(new[] { 0f, 3f, 1f, 4f, 2f, 5f }));

            using var f64 = np.GetAttr("float64");
            using var scalar = np.InvokeMethod("array", new PyFloat(0.1), f64);
            var s = NumpyArrays.ToTensor(scalar);
            Assert.That(s.Shape, Is.Empty, "a 0-d array keeps rank 0");
            Assert.That(s.Data, Is.EqualTo(new[] { 0.1f }));
        }
    }

    [Test]
    public void ToNumpyInt64_MakesIndices()
    {
        PythonEnvironment.RequireNumpy();
        var indices = new Tensor([2, 2], [0f, 3f, 7f, 16777216f]);
        using (Py.GIL())
        {
            using var array = NumpyArrays.ToNumpyInt64(indices);
            using var dtype = array.GetAttr("dtype");
            Assert.That(dtype.GetAttr("str").As<string>(), Is.EqualTo("<i8"));
            using var total = array.InvokeMethod("sum");
            Assert.That(total.InvokeMethod("item").As<long>(), Is.EqualTo(16777226L));
        }
        Assert.Throws<ArgumentException>(() => NumpyArrays.ToNumpyInt64(new Tensor([1], [1.5f])));
    }
}
