namespace RnnParity.Benchmarks.Onnx;

/// <summary>A one-node graph c (m×n) = a (m×k) · b (k×n), b a constant: ORT's GEMM on a given shape (the roofline).</summary>
public static class OnnxMatMul
{
    public static OnnxGraph Build(int m, int k, float[] b, int n)
    {
        if (b.Length != k * n) throw new ArgumentException($"b has {b.Length} values, expected ({k}, {n}).", nameof(b));
        var graph = new OnnxGraph();
        graph.Inputs.Add(("a", [m, k]));
        graph.Outputs.Add(("c", [m, n]));
        graph.Initializers.Add(new("b", [k, n], b));
        graph.Nodes.Add(new("MatMul", ["a", "b"], ["c"]));
        return graph;
    }
}
