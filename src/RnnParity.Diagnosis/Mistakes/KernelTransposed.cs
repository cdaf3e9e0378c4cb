using RnnParity.Core.Tensors;

namespace RnnParity.Diagnosis.Mistakes;

/// <summary>
/// A kernel in the (gates·units, input) layout of PyTorch and ONNX read as Keras's (input, gates·units):
/// the same buffer reshaped instead of transposed, so the kernel used is reshape(K, (G, in))ᵀ
/// (for a square matrix, simply Kᵀ).
/// </summary>
public class KernelTransposed : WeightMistake
{
    public override string Name => "kernel-transposed";

    protected virtual string Role => "kernel";

    protected override bool Rewrite(CellWeight owner, Tensor weight, string form)
    {
        if (owner.Role != Role) return false;
        int rows = weight.Shape[0], cols = weight.Shape[1];
        var src = (float[])weight.Data.Clone();
        // src read as (cols, rows), then transposed into (rows, cols).
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                weight.Data[r * cols + c] = src[c * rows + r];
        return true;
    }

    protected override string Describe(string form) => $"every recurrent {Role} read from a ({Role switch { "kernel" => "gates·units, input", _ => "gates·units, units" }}) buffer as Keras's layout without transposing";
}

/// <summary>The same mistake on the recurrent kernel (units, gates·units).</summary>
public sealed class RecurrentKernelTransposed : KernelTransposed
{
    public override string Name => "recurrent-kernel-transposed";

    protected override string Role => "recurrent_kernel";
}
