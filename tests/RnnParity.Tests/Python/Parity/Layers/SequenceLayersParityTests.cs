using Python.Runtime;
using RnnParity.Core.Tensors;
using RnnParity.Fixtures.Format;
using RnnParity.Layers;
using RnnParity.Layers.Convolutional;
using RnnParity.Layers.Merging;
using RnnParity.Layers.Pooling;
using RnnParity.Python;
using RnnParity.Tests.Layers;

namespace RnnParity.Tests.Python.Parity.Layers;

/// <summary>
/// Each convolutional, pooling and merging layer in C# and its NumPy version
/// (<c>python/numpy_layers/{convolutional,pooling,merging}.py</c>, written from the formulas) on the
/// same seeded inputs, masks and weights, in one process: values, shapes and output masks agree.
/// </summary>
[TestFixture, Category(PythonEnvironment.LiveNumPy)]
public sealed class SequenceLayersParityTests
{
    /// <summary>float32 on both sides; only the summation order differs (Gemm's FMA chain against numpy's matmul).</summary>
    const double Tolerance = 1e-5;

    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    static IEnumerable<TestCaseData> Conv1DCases()
    {
        foreach (var (padding, strides, dilation, groups) in new[] { ("valid", 1, 1, 1), ("same", 1, 2, 2), ("causal", 1, 3, 1), ("same", 3, 1, 2), ("valid", 2, 1, 1), ("causal", 2, 1, 2) })
            foreach (string dataFormat in new[] { "channels_last", "channels_first" })
                yield return new TestCaseData(padding, strides, dilation, groups, dataFormat)
                    .SetName($"Conv1D({padding}, strides {strides}, dilation {dilation}, groups {groups}, {dataFormat})");
    }

    [TestCaseSource(nameof(Conv1DCases))]
    public void Conv1D_matches_numpy(string padding, int strides, int dilation, int groups, string dataFormat)
    {
        bool first = dataFormat == "channels_first";
        Tensor x = SeededTensors.Uniform(21, first ? [3, 4, 11] : [3, 11, 4]);
        var layer = new Conv1D(6, 3, strides, padding, dataFormat, dilation, groups, activation: "tanh");
        layer.Build([null, x.Shape[1], x.Shape[2]]);
        var weights = layer.Weights.Select((w, i) => SeededTensors.Uniform(30 + i, w.Shape)).ToList();
        for (int i = 0; i < weights.Count; i++) weights[i].Data.CopyTo(layer.Weights[i].Data, 0);
        string config = $$"""{"filters": 6, "kernel_size": [3], "strides": [{{strides}}], "padding": "{{padding}}", "data_format": "{{dataFormat}}", "dilation_rate": [{{dilation}}], "groups": {{groups}}, "activation": "tanh", "use_bias": true}""";
        Compare(layer, "Conv1D", config, weights, [x]);
    }

    [TestCase("MaxPooling1D", 2, null, "valid")]
    [TestCase("MaxPooling1D", 3, 1, "same")]
    [TestCase("MaxPooling1D", 4, 3, "same")]
    [TestCase("AveragePooling1D", 3, 2, "valid")]
    [TestCase("AveragePooling1D", 3, 1, "same")]
    [TestCase("AveragePooling1D", 5, 2, "same")]
    public void Pooling_matches_numpy(string className, int pool, int? strides, string padding)
    {
        foreach (string dataFormat in new[] { "channels_last", "channels_first" })
        {
            Layer layer = className == "MaxPooling1D" ? new MaxPooling1D(pool, strides, padding, dataFormat) : new AveragePooling1D(pool, strides, padding, dataFormat);
            string config = $$"""{"pool_size": [{{pool}}], "strides": {{(strides is null ? "null" : $"[{strides}]")}}, "padding": "{{padding}}", "data_format": "{{dataFormat}}"}""";
            Compare(layer, className, config, [], [Masked(SeededTensors.Uniform(22, 2, 9, 5))]);
        }
    }

    [TestCase("GlobalAveragePooling1D", "channels_last", false)]
    [TestCase("GlobalAveragePooling1D", "channels_last", true)]
    [TestCase("GlobalAveragePooling1D", "channels_first", false)]
    [TestCase("GlobalMaxPooling1D", "channels_last", false)]
    [TestCase("GlobalMaxPooling1D", "channels_first", true)]
    public void Global_pooling_matches_numpy_with_and_without_a_mask(string className, string dataFormat, bool keepdims)
    {
        foreach (bool masked in new[] { false, true })
        {
            Layer layer = className == "GlobalMaxPooling1D" ? new GlobalMaxPooling1D(dataFormat, keepdims) : new GlobalAveragePooling1D(dataFormat, keepdims);
            Tensor x = SeededTensors.Uniform(23, 3, 6, 6);
            if (masked) x = Masked(x);
            Compare(layer, className, $$"""{"data_format": "{{dataFormat}}", "keepdims": {{(keepdims ? "true" : "false")}}}""", [], [x]);
        }
    }

    [TestCase("Add")]
    [TestCase("Subtract")]
    [TestCase("Multiply")]
    [TestCase("Average")]
    [TestCase("Maximum")]
    [TestCase("Minimum")]
    public void Elementwise_merges_match_numpy_for_every_mask_combination(string className)
    {
        Tensor a = SeededTensors.Uniform(24, 2, 5, 3), b = SeededTensors.Uniform(25, 2, 5, 3);
        foreach (var (maskA, maskB) in new[] { (false, false), (true, false), (false, true), (true, true) })
        {
            Layer layer = Create(className);
            Compare(layer, className, "{}", [], [maskA ? Masked(a, 1) : a, maskB ? Masked(b, 2) : b]);
        }
        if (className != "Subtract")
            Compare(Create(className), className, "{}", [], [a, SeededTensors.Uniform(26, 2, 1, 3), SeededTensors.Uniform(27, 2, 3)]);
    }

    static Layer Create(string className) => className switch
    {
        "Add" => new Add(), "Subtract" => new Subtract(), "Multiply" => new Multiply(),
        "Average" => new Average(), "Maximum" => new Maximum(), _ => new Minimum(),
    };

    [TestCase(-1)]
    [TestCase(1)]
    [TestCase(2)]
    public void Concatenate_matches_numpy_with_masks(int axis)
    {
        Tensor a = SeededTensors.Uniform(28, 2, 4, 3), b = SeededTensors.Uniform(29, 2, 4, 3);
        foreach (var (maskA, maskB) in new[] { (false, false), (true, false), (true, true) })
            Compare(new Concatenate(axis), "Concatenate", $$"""{"axis": {{axis}}}""", [], [maskA ? Masked(a, 1) : a, maskB ? Masked(b, 2) : b]);
    }

    [TestCase("2", false, new[] { 2, 4, 3 }, new[] { 2, 5, 3 })]
    [TestCase("[1, 1]", true, new[] { 2, 4, 3 }, new[] { 2, 4, 5 })]
    [TestCase("-1", true, new[] { 2, 6 }, new[] { 2, 6 })]
    [TestCase("[2, 1]", false, new[] { 2, 4, 3 }, new[] { 2, 3, 2, 5 })]
    public void Dot_matches_numpy(string axes, bool normalize, int[] shapeA, int[] shapeB)
    {
        var parsed = System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.JsonElement>(axes);
        int[] axesValue = parsed.ValueKind == System.Text.Json.JsonValueKind.Number ? [parsed.GetInt32()] : parsed.EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Compare(new Dot(axesValue, normalize), "Dot", $$"""{"axes": {{axes}}, "normalize": {{(normalize ? "true" : "false")}}}""", [],
            [SeededTensors.Uniform(31, shapeA), SeededTensors.Uniform(32, shapeB)]);
    }

    /// <summary>A (batch, steps) mask of seeded gaps, the first step of every row kept.</summary>
    internal static Tensor Masked(Tensor x, int seed = 0)
    {
        var random = new Random(100 + seed);
        var mask = new bool[x.Shape[0] * x.Shape[1]];
        for (int i = 0; i < mask.Length; i++) mask[i] = i % x.Shape[1] == 0 || random.NextDouble() < 0.6;
        return new Tensor(x.Shape, (float[])x.Data.Clone()) { Mask = mask };
    }

    /// <summary>Runs the C# layer and <c>numpy_layers.REGISTRY[className].call</c> on the same arrays and compares.</summary>
    internal static void Compare(Layer layer, string className, string configJson, IReadOnlyList<Tensor> weights, IReadOnlyList<Tensor> inputs)
    {
        PythonEnvironment.RequireNumpy();
        IReadOnlyList<Tensor> csharp = layer.Call(inputs);
        Tensor expected;
        Tensor? expectedMask;
        int?[] expectedShape;
        using (Py.GIL())
        {
            using var registry = PythonModule.Import("numpy_layers");
            using var spec = registry.Object.GetAttr("REGISTRY")[className];
            using var json = Py.Import("json");
            using var config = json.InvokeMethod("loads", new PyString(configJson));
            using var pyWeights = new PyList(weights.Select(NumpyArrays.ToNumpy).ToArray());
            using var pyInputs = new PyList(inputs.Select(NumpyArrays.ToNumpy).ToArray());
            using var pyMasks = new PyList(inputs.Select(t => t.Mask is null ? PyObject.None
                : NumpyArrays.ToNumpy(new Tensor([t.Shape[0], t.Shape[1]], t.Mask.Select(m => m ? 1f : 0f).ToArray())).InvokeMethod("astype", new PyString("bool"))).ToArray());
            using var shapes = new PyList(inputs.Select(t => (PyObject)new PyList(t.Shape.Select((d, i) => i == 0 ? PyObject.None : new PyInt(d)).ToArray())).ToArray());
            using var result = spec.InvokeMethod("call", config, pyWeights, pyInputs, pyMasks);
            expected = NumpyArrays.ToTensor(result[0][0]);
            using var mask = result[1][0];
            expectedMask = mask.IsNone() ? null : NumpyArrays.ToTensor(mask);
            using var outShapes = spec.InvokeMethod("output_shapes", config, shapes);
            using var shape0 = outShapes[0];
            expectedShape = new int?[shape0.Length()];
            for (int d = 0; d < expectedShape.Length; d++)
            {
                using var dim = shape0[d];
                expectedShape[d] = dim.IsNone() ? null : dim.As<int>();
            }
        }

        var cmp = ArrayComparison.Compare(expected.Data, expected.Shape, csharp[0].Data, csharp[0].Shape, Tolerance, Tolerance);
        string what = $"{className} {configJson} masks [{string.Join(", ", inputs.Select(t => t.Mask is null ? "none" : "yes"))}]";
        Assert.That(cmp.Passed, Is.True, $"{what}: {cmp.Describe()}");
        Assert.That(csharp[0].Mask, Is.EqualTo(expectedMask?.Data.Select(v => v != 0).ToArray()), $"{what}: output mask");
        Assert.That(layer.OutputShapes[0][1..], Is.EqualTo(expectedShape[1..]), $"{what}: output shape");
    }
}
