using System.Numerics.Tensors;

namespace RnnParity.Core.Activations;

/// <summary>softmax over the last axis (Keras's default axis=-1); log_softmax with <c>log: true</c>.</summary>
public sealed class SoftmaxActivation(bool log) : Activation(log ? "log_softmax" : "softmax")
{
    public override bool IsElementwise => false;

    public override void Apply(Span<float> row)
    {
        if (row.IsEmpty) return;
        // Subtracting the max keeps exp finite, as every backend's softmax does.
        float max = TensorPrimitives.Max(row);
        TensorPrimitives.Subtract(row, max, row);
        if (log)
        {
            float sum = 0f;
            foreach (float v in row) sum += MathF.Exp(v);
            TensorPrimitives.Subtract(row, MathF.Log(sum), row);
            return;
        }
        TensorPrimitives.Exp(row, row);
        float total = TensorPrimitives.Sum(row);
        TensorPrimitives.Divide(row, total, row);
    }
}
