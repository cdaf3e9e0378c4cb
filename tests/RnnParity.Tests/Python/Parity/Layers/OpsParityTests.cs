using Python.Runtime;
using RnnParity.Core.Tensors;
using RnnParity.Fixtures.Format;
using RnnParity.Layers;
using RnnParity.Layers.Ops;
using RnnParity.Python;
using RnnParity.Tests.Python;

namespace RnnParity.Tests.Python.Parity.Layers;

/// <summary>
/// Each operation in C# against its NumPy version (<c>python/numpy_layers/ops.py</c>) through the
/// embedded Python, on the same seeded inputs; a wrong operation must be caught.
/// </summary>
[TestFixture, Category(PythonEnvironment.LiveNumPy)]
public sealed class OpsParityTests
{
    const string Module = "numpy_layers.ops";

    // Sums and means accumulate in double here and in float32 pairs in NumPy.
    const double Tolerance = 1e-6;

    static Tensor Draw(int seed, params int[] shape)
    {
        var rng = new Random(seed);
        var t = new Tensor(shape);
        for (int i = 0; i < t.Length; i++) t.Data[i] = rng.Next(4) == 0 ? 0f : (float)Math.Round(rng.NextDouble() * 4 - 2, 1);
        return t;
    }

    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (var name in new[] { "Add", "Subtract", "Multiply", "Divide", "Maximum", "Minimum", "Equal", "NotEqual",
                     "Greater", "GreaterEqual", "Less", "LessEqual", "LogicalAnd", "LogicalOr" })
            yield return new TestCaseData(name, "{}").SetName($"Binary({name})");
        foreach (var (name, config) in new[] { ("Any", "{\"axis\": -1}"), ("All", "{\"axis\": [0, 2], \"keepdims\": true}"),
                     ("Sum", "{\"axis\": 1}"), ("Mean", "{\"axis\": null}"), ("Max", "{\"axis\": -1, \"keepdims\": true}"), ("Min", "{\"axis\": 0}"),
                     ("Cast", "{\"dtype\": \"int32\"}"), ("Cast", "{\"dtype\": \"bool\"}"), ("LogicalNot", "{}") })
            yield return new TestCaseData(name, config).SetName($"Unary({name}, {config})");
    }

    static Layer Create(string name, string config)
    {
        var json = System.Text.Json.JsonDocument.Parse(config).RootElement;
        IReadOnlyList<int>? axis = json.TryGetProperty("axis", out var a) && a.ValueKind != System.Text.Json.JsonValueKind.Null
            ? a.ValueKind == System.Text.Json.JsonValueKind.Array ? a.EnumerateArray().Select(e => e.GetInt32()).ToList() : [a.GetInt32()]
            : null;
        bool keepdims = json.TryGetProperty("keepdims", out var k) && k.GetBoolean();
        return name switch
        {
            "Add" => new Add(), "Subtract" => new Subtract(), "Multiply" => new Multiply(), "Divide" => new Divide(),
            "Maximum" => new Maximum(), "Minimum" => new Minimum(), "Equal" => new Equal(), "NotEqual" => new NotEqual(),
            "Greater" => new Greater(), "GreaterEqual" => new GreaterEqual(), "Less" => new Less(), "LessEqual" => new LessEqual(),
            "LogicalAnd" => new LogicalAnd(), "LogicalOr" => new LogicalOr(), "LogicalNot" => new LogicalNot(),
            "Any" => new Any(axis, keepdims), "All" => new All(axis, keepdims), "Sum" => new Sum(axis, keepdims),
            "Mean" => new Mean(axis, keepdims), "Max" => new Max(axis, keepdims), "Min" => new Min(axis, keepdims),
            "Cast" => new Cast(json.GetProperty("dtype").GetString()!),
            _ => throw new ArgumentException(name),
        };
    }

    static Tensor Numpy(string name, string config, IReadOnlyList<Tensor> inputs)
    {
        PythonEnvironment.RequireNumpy();
        using (Py.GIL())
        {
            using PyObject result = PythonCall.Invoke(Module, "call_json", [name, config, .. inputs]);
            return NumpyArrays.ToTensor(result);
        }
    }

    static IReadOnlyList<Tensor> Inputs(string name) =>
        Create(name, name == "Cast" ? "{\"dtype\": \"int32\"}" : "{}") is ElementwiseBinary ? [Draw(1, 2, 3, 4), Draw(2, 3, 1)] : [Draw(1, 2, 3, 4)];

    [TestCaseSource(nameof(Cases))]
    public void CSharp_matches_numpy(string name, string config)
    {
        var inputs = Inputs(name);
        Tensor expected = Numpy(name, config, inputs);

        Tensor actual = Create(name, config).Call(inputs)[0];

        var cmp = ArrayComparison.Compare(expected.Data, expected.Shape, actual.Data, actual.Shape, Tolerance, Tolerance);
        Assert.That(cmp.Passed, Is.True, cmp.Describe());
    }

    [Test]
    public void A_different_operation_is_caught()
    {
        var inputs = Inputs("Greater");
        Tensor expected = Numpy("GreaterEqual", "{}", inputs);

        Tensor actual = new Greater().Call(inputs)[0];

        var cmp = ArrayComparison.Compare(expected.Data, expected.Shape, actual.Data, actual.Shape, Tolerance, Tolerance);
        Assert.That(cmp.Passed, Is.False, "the inputs hold equal pairs, where > and >= differ");
    }
}
