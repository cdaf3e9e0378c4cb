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
/// is Keras's. Over several axes Keras computes <c>exp(x − logsumexp(x, axes))</c> instead, and so does this class.
/// </remarks>
public sealed class Softmax : Layer
{
    /// <summary>Keras's <c>_large_negative_number</c> for float32.</summary>
    const float LargeNegative = -1e9f;

    static readonly SoftmaxActivation Function = (SoftmaxActivation)KerasActivations.Get("softmax");

    public Softmax(int axis = -1, string? name = null) : base(name) => Axes = [axis];

    /// <summary>Softmax over several axes jointly (Keras's list <c>axis</c>).</summary>
    public Softmax(int[] axes, string? name = null) : base(name)
    {
        ArgumentNullException.ThrowIfNull(axes);
        if (axes.Length == 0) throw Error("axis", "expected at least one axis.");
        Axes = (int[])axes.Clone();
    }

    /// <summary>The axis (the first, when there are several).</summary>
    public int Axis => Axes[0];

    public IReadOnlyList<int> Axes { get; }

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        ResolveAxes(inputShapes[0].Length);
        return [inputShapes[0]];
    }

    int[] ResolveAxes(int rank)
    {
        var resolved = new int[Axes.Count];
        for (int i = 0; i < resolved.Length; i++)
        {
            int a = Axes[i] < 0 ? Axes[i] + rank : Axes[i];
            if (a < 0 || a >= rank) throw Error("axis", $"axis {Axes[i]} is out of bounds for an input of rank {rank}.");
            if (resolved[..i].Contains(a)) throw Error("axis", $"axis {Axes[i]} is repeated in [{string.Join(", ", Axes)}].");
            resolved[i] = a;
        }
        return resolved;
    }

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        int[] axes = ResolveAxes(x.Rank);
        var y = new Tensor((int[])x.Shape.Clone(), (float[])x.Data.Clone());
        int[]? maskIndex = x.Mask is null ? null : MaskIndex(x);
        if (maskIndex is not null) Fill(y.Data, x.Mask!, maskIndex, LargeNegative);
        if (axes.Length == 1) SoftmaxAlong(y.Data, y.Shape, axes[0]);
        else SoftmaxOver(y.Data, y.Shape, axes);
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

    /// <summary>
    /// Keras's several-axes path, <c>exp(x − logsumexp(x, axes))</c> with logsumexp = <c>log(Σ exp(x − max)) + max</c>:
    /// the reduced axes are moved last so that each reduction is one row, then moved back.
    /// </summary>
    static void SoftmaxOver(float[] data, int[] shape, int[] axes)
    {
        int[] order = [.. Enumerable.Range(0, shape.Length).Where(a => !axes.Contains(a)), .. axes];
        int[] moved = Transposition.Shape(shape, order);
        var buffer = new float[data.Length];
        Transposition.Transpose(data, shape, order, buffer);
        int n = (int)ShapeUtil.Size(moved.AsSpan(moved.Length - axes.Length));
        if (n > 0)
            for (int start = 0; start < buffer.Length; start += n)
            {
                Span<float> row = buffer.AsSpan(start, n);
                float max = System.Numerics.Tensors.TensorPrimitives.Max(row);
                if (!float.IsFinite(max)) max = 0f;
                float sum = 0f;
                foreach (float v in row) sum += MathF.Exp(v - max);
                float lse = MathF.Log(sum) + max;
                for (int j = 0; j < n; j++) row[j] = MathF.Exp(row[j] - lse);
            }
        int[] inverse = new int[order.Length];
        for (int i = 0; i < order.Length; i++) inverse[order[i]] = i;
        Transposition.Transpose(buffer, moved, inverse, data);
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
