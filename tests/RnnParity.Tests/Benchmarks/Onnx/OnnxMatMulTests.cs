using RnnParity.Benchmarks.Onnx;
using RnnParity.Core.Math;

namespace RnnParity.Tests.Benchmarks.Onnx;

/// <summary>The roofline's ORT MatMul graph computes a·b (checked against a double-precision loop),
/// so its GFLOP/s are for the product the other columns compute.</summary>
public class OnnxMatMulTests
{
    [Test]
    public void OrtMatMulGraphComputesTheProduct()
    {
        const int m = 5, k = 7, n = 3;
        var rng = new Random(3);
        float[] a = [.. Enumerable.Range(0, m * k).Select(_ => (float)(rng.NextDouble() - 0.5))];
        float[] b = [.. Enumerable.Range(0, k * n).Select(_ => (float)(rng.NextDouble() - 0.5))];
        OrtModel model;
        try { model = new OrtModel(OnnxMatMul.Build(m, k, b, n), intraOpThreads: 1); }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException or BadImageFormatException)
        {
            Assert.Inconclusive($"ONNX Runtime's native library cannot load here: {e.GetType().Name}: {e.Message}");
            return;
        }
        float[] c;
        using (model) c = model.Run(a);

        var ours = new float[m * n];
        Gemm.MatMulAdd(a, m, k, b, n, ours);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double want = 0;
                for (int p = 0; p < k; p++) want += (double)a[i * k + p] * b[p * n + j];
                Assert.That(c[i * n + j], Is.EqualTo(want).Within(1e-5), $"ORT c[{i},{j}]");
                Assert.That(ours[i * n + j], Is.EqualTo(want).Within(1e-5), $"Gemm c[{i},{j}]");
            }
    }

    [Test]
    public void WrongSizeOfBIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => OnnxMatMul.Build(2, 3, new float[5], 2));
        Assert.That(e!.Message, Does.Contain("(3, 2)"));
    }
}
