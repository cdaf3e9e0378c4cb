using RnnParity.Core.Activations;
using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Activations;

/// <summary>
/// Keras's <c>Softmax(axis=-1)</c>: <c>exp(x − max(x)) / Σ exp(x − max(x))</c> along <see cref="Axis"/>. With a
/// mask, as Keras 3.15 does: masked positions become −1e9 before the softmax and 0 after it, the mask
/// broadcast against the input numpy-style (aligned on the trailing axes; each mask dimension 1 or equal
/// to the input's), and the mask passes on.
/// </summary>
/// <remarks>
/// The (batch, timesteps) mask a Keras model propagates is aligned with the input's <i>last two</i> axes, so
/// on a (batch, timesteps, features) input Keras refuses it unless timesteps equals features; the check here
/// is Keras's. A list of several axes (Keras's logsumexp path) is not supported yet.
/// </remarks>
public sealed class Softmax : Layer
{
    /// <summary>Keras's <c>_large_negative_number</c> for float32.</summary>
    const float LargeNegative = -1e9f;

    static readonly SoftmaxActivation Function = (SoftmaxActivation)KerasActivations.Get("softmax");

    public Softmax(int axis = -1, string? name = null) : base(name) => Axis = axis;

    public int Axis { get; }

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        ResolveAxis(inputShapes[0].Length);
        return [inputShapes[0]];
    }

    int ResolveAxis(int rank)
    {
        int a = Axis < 0 ? Axis + rank : Axis;
        return a >= 0 && a < rank ? a : throw Error("axis", $"axis {Axis} is out of bounds for an input of rank {rank}.");
    }

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        int axis = ResolveAxis(x.Rank);
        var y = new Tensor((int[])x.Shape.Clone(), (float[])x.Data.Clone());
        int[]? maskIndex = x.Mask is null ? null : MaskIndex(x);
        if (maskIndex is not null) Fill(y.Data, x.Mask!, maskIndex, LargeNegative);
        SoftmaxAlong(y.Data, y.Shape, axis);
        if (maskIndex is not null) Fill(y.Data, x.Mask!, maskIndex, 0f);
        y.Mask = x.Mask;
        return [y];
    }

    static void Fill(float[] data, bool[] mask, int[] maskIndex, float value)
    {
        for (int i = 0; i < data.Length; i++) if (!mask[maskIndex[i]]) data[i] = value;
    }

    /// <summary>For every input element, its position in the (batch, timesteps) mask under numpy broadcasting.</summary>
    int[] MaskIndex(Tensor x)
    {
        int rank = x.Rank;
        // A propagated mask is (batch, timesteps): axes 0 and 1 of the tensor that carries it.
        int maskRows = x.Shape[0], maskCols = rank >= 2 ? x.Shape[1] : 1;
        string shapes = $"inputs.shape={ShapeUtil.Format(x.Shape)}, mask.shape=({maskRows}, {maskCols})";
        if (rank < 2) throw Error("mask", $"the mask must be broadcastable to the inputs and must not have more dimensions: {shapes}.");
        int rowDim = x.Shape[rank - 2], colDim = x.Shape[rank - 1];
        if ((maskRows != 1 && maskRows != rowDim) || (maskCols != 1 && maskCols != colDim))
            throw Error("mask", $"the mask must be broadcastable to the inputs: each mask dimension must be 1 or match the input's trailing dimension; {shapes}.");
        var index = new int[x.Length];
        for (int i = 0; i < index.Length; i++)
        {
            int col = i % colDim, row = i / colDim % rowDim;
            index[i] = (maskRows == 1 ? 0 : row) * maskCols + (maskCols == 1 ? 0 : col);
        }
        return index;
    }

    /// <summary>Softmax along one axis: rows when it is the last, otherwise gathered into a scratch row.</summary>
    static void SoftmaxAlong(float[] data, int[] shape, int axis)
    {
        int n = shape[axis];
        if (n == 0 || data.Length == 0) return;
        int inner = (int)ShapeUtil.Size(shape.AsSpan(axis + 1));
        if (inner == 1) { Function.ApplyRows(data, n); return; }
        int outer = data.Length / (n * inner);
        var row = new float[n];
        for (int o = 0; o < outer; o++)
            for (int k = 0; k < inner; k++)
            {
                int start = o * n * inner + k;
                for (int j = 0; j < n; j++) row[j] = data[start + j * inner];
                Function.Apply(row);
                for (int j = 0; j < n; j++) data[start + j * inner] = row[j];
            }
    }
}
