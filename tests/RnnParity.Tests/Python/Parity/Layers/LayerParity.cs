using System.Text.Json;
using Python.Runtime;
using RnnParity.Core.Tensors;
using RnnParity.KerasConfig;
using RnnParity.Layers;
using RnnParity.Python;

namespace RnnParity.Tests.Python.Parity.Layers;

/// <summary>One single-input layer from its Keras config, run in C# and through <c>python/numpy_layers</c> on the same seeded input and weights.</summary>
public sealed record LayerParityCase(string ClassName, string ConfigJson, int[] InputShape, bool Masked = false, int Seed = 1)
{
    public override string ToString() => $"{ClassName}({ConfigJson}) on {ShapeUtil.Format(InputShape)}{(Masked ? " masked" : "")}";
}

/// <summary>The shapes and values both sides computed.</summary>
public sealed record LayerParityResult(Tensor CSharp, Tensor Numpy, bool[]? CSharpMask, float[]? NumpyMask,
    IReadOnlyList<int[]> CSharpWeightShapes, IReadOnlyList<int[]> NumpyWeightShapes, int?[] CSharpOutputShape, int?[] NumpyOutputShape);

public static class LayerParity
{
    /// <summary>Runs <paramref name="c"/>; <paramref name="numpyConfigJson"/> lets a test give NumPy a different config, to show a mismatch is caught.</summary>
    public static LayerParityResult Run(LayerParityCase c, string? numpyConfigJson = null)
    {
        RnnParity.Layers.Models.Keras.ClearSession();
        string spec = $$"""{"class_name": "{{c.ClassName}}", "config": {{c.ConfigJson}}}""";
        using var doc = JsonDocument.Parse(spec);
        Layer layer = LayerFactory.Create(new ConfigNode(doc.RootElement, ""));
        int?[] symbolic = [null, .. c.InputShape[1..].Select(d => (int?)d)];
        layer.Build([symbolic]);

        var random = new Random(c.Seed);
        foreach (Variable w in layer.Weights)
            for (int i = 0; i < w.Data.Length; i++) w.Data[i] = (float)(random.NextDouble() * 2 - 1);
        var x = new Tensor(c.InputShape);
        for (int i = 0; i < x.Length; i++) x.Data[i] = (float)(random.NextDouble() * 6 - 3);
        if (c.Masked) x.Mask = Enumerable.Range(0, c.InputShape[0] * c.InputShape[1]).Select(i => random.Next(4) != 0).ToArray();

        Tensor y = layer.Call(x);

        using var module = PythonModule.Import("numpy_layer_call");
        using (Py.GIL())
        {
            string config = numpyConfigJson ?? c.ConfigJson;
            using var shapesJson = module.Call("shapes", c.ClassName, config, JsonSerializer.Serialize(symbolic));
            using var shapes = JsonDocument.Parse(shapesJson.As<string>());
            var numpyWeights = shapes.RootElement.GetProperty("weights").EnumerateArray()
                .Select(w => w[1].EnumerateArray().Select(d => d.GetInt32()).ToArray()).ToList();
            int?[] numpyOutput = shapes.RootElement.GetProperty("outputs")[0].EnumerateArray()
                .Select(d => d.ValueKind == JsonValueKind.Null ? (int?)null : d.GetInt32()).ToArray();

            using var weights = new PyList(layer.Weights.Select(w => NumpyArrays.ToNumpy(new Tensor(w.Shape, w.Data))).ToArray());
            object? mask = x.Mask is null ? null : new Tensor([c.InputShape[0], c.InputShape[1]], x.Mask.Select(b => b ? 1f : 0f).ToArray());
            using var result = module.Call("call_layer", c.ClassName, config, weights, x, mask);
            using var output = result[0];
            using var outMask = result[1];
            Tensor numpy = NumpyArrays.ToTensor(output);
            float[]? numpyMask = outMask.IsNone() ? null : NumpyArrays.ToTensor(outMask).Data;
            return new LayerParityResult(y, numpy, y.Mask, numpyMask, layer.Weights.Select(w => w.Shape).ToList(), numpyWeights,
                layer.OutputShapes[0], numpyOutput);
        }
    }

    /// <summary>Same shape, and every element within 1e-6 absolute + 1e-5 relative (float32 rounding of the same formula
    /// through different kernels: TensorPrimitives vs numpy's ufuncs); the message names the first index beyond it.</summary>
    public static string? Difference(Tensor actual, Tensor expected)
    {
        if (!actual.Shape.SequenceEqual(expected.Shape)) return $"shape C# {ShapeUtil.Format(actual.Shape)} vs NumPy {ShapeUtil.Format(expected.Shape)}";
        for (int i = 0; i < actual.Length; i++)
        {
            float a = actual.Data[i], e = expected.Data[i];
            if (!(Math.Abs(a - e) <= 1e-6 + 1e-5 * Math.Abs(e)))
                return $"index {i}: C# {a:R} vs NumPy {e:R}";
        }
        return null;
    }
}
