using RnnParity.Core.Math;
using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Merging;

/// <summary>
/// Keras's <c>Dot(axes, normalize=False)</c>: per sample, the sum of products along axis
/// <c>a₀</c> of x and <c>a₁</c> of y (Keras's <c>batch_dot</c>),
/// <c>out[n, i…, j…] = Σ_k x[n, i… (k at a₀)] · y[n, j… (k at a₁)]</c>; the output's axes are x's
/// remaining axes then y's, and (batch, 1) when none remain. <c>normalize</c> first divides each
/// input by its L2 norm along its dot axis, a zero norm dividing by 1 (Keras's <c>normalize</c> on
/// NumPy arrays, what the numpy backend runs; the other backends clamp the squared norm at 1e-14,
/// which differs only for norms below 1e-7). Axis 0 (batch) is refused. The output has no mask.
/// </summary>
public sealed class Dot : Layer
{
    readonly int[] _axes;

    /// <param name="axes">one axis for both inputs, or two (x's, y's); negative counts from the end.</param>
    public Dot(int[] axes, bool normalize = false, string? name = null) : base(name)
    {
        if (axes is not { Length: 1 or 2 })
            throw Error("axes", $"expected an integer or a list of two integers, got {axes?.Length ?? 0} values.");
        _axes = (int[])axes.Clone();
        Normalize = normalize;
    }

    public Dot(int axes, bool normalize = false, string? name = null) : this([axes], normalize, name) { }

    public IReadOnlyList<int> Axes => _axes;

    public bool Normalize { get; }

    (int X, int Y) Resolve(int rankX, int rankY)
    {
        int ax = _axes[0], ay = _axes.Length == 2 ? _axes[1] : _axes[0];
        if (rankX < 2 || rankY < 2)
            throw Error("inputs", $"cannot do batch_dot on inputs with rank < 2; got ranks {rankX} and {rankY}.");
        // Keras: an int axis, if negative, is taken modulo each input's rank.
        int x = ax < 0 ? ((ax % rankX) + rankX) % rankX : ax, y = ay < 0 ? ((ay % rankY) + rankY) % rankY : ay;
        if (x >= rankX || y >= rankY)
            throw Error("axes", $"axes ({ax}, {ay}) out of range for inputs of rank {rankX} and {rankY}.");
        if (x == 0 || y == 0)
            throw Error("axes", "cannot perform batch_dot over axis 0 (the batch axis).");
        return (x, y);
    }

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        if (inputShapes.Count != 2)
            throw Error("inputs", $"a Dot layer should be called on a list of 2 inputs; got {inputShapes.Count}.");
        int?[] a = inputShapes[0], b = inputShapes[1];
        var (x, y) = Resolve(a.Length, b.Length);
        if (a[x] is int da && b[y] is int db && da != db)
            throw Error("inputs", $"incompatible input shapes: axis values {da} (at axis {x}) != {db} (at axis {y}); full input shapes: {ShapeUtil.Format(a)}, {ShapeUtil.Format(b)}.");
        int?[] output = [.. a.Where((_, i) => i != x), .. b.Where((_, i) => i != y && i != 0)];
        return [output.Length == 1 ? [output[0], 1] : output];
    }

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        if (inputs.Count != 2)
            throw Error("inputs", $"a Dot layer should be called on exactly 2 inputs; got {inputs.Count}.");
        Tensor a = inputs[0], b = inputs[1];
        var (ax, ay) = Resolve(a.Rank, b.Rank);
        int batch = a.Shape[0], depth = a.Shape[ax];
        if (b.Shape[0] != batch || b.Shape[ay] != depth)
            throw Error("inputs", $"cannot do batch_dot on inputs with shapes {ShapeUtil.Format(a.Shape)} and {ShapeUtil.Format(b.Shape)} with axes ({ax}, {ay}).");

        // x as (batch, M, K) with the dot axis last; y as (batch, K, N) with it first after the batch.
        float[] x = MoveAxis(a, ax, a.Rank - 1), y = MoveAxis(b, ay, 1);
        int m = a.Length / System.Math.Max(batch * depth, 1), n = b.Length / System.Math.Max(batch * depth, 1);
        if (Normalize)
        {
            // MoveAxis hands back the input's own array when nothing moves; never scale the caller's tensor.
            if (ReferenceEquals(x, a.Data)) x = (float[])x.Clone();
            if (ReferenceEquals(y, b.Data)) y = (float[])y.Clone();
            NormalizeRows(x, batch * m, depth);
            NormalizeColumns(y, batch, depth, n);
        }
        int[] shape = [batch, .. a.Shape[1..].Where((_, i) => i + 1 != ax), .. b.Shape[1..].Where((_, i) => i + 1 != ay)];
        var output = new Tensor(shape.Length == 1 ? [batch, 1] : shape);
        for (int s = 0; s < batch; s++)
            Gemm.MatMulAdd(x.AsSpan(s * m * depth, m * depth), m, depth, y.AsSpan(s * depth * n, depth * n), n, output.Data.AsSpan(s * m * n, m * n));
        return [output];
    }

    /// <summary>The data of <paramref name="t"/> with axis <paramref name="from"/> moved to position
    /// <paramref name="to"/>, the other axes keeping their order (Keras's transpose patterns in batch_dot).</summary>
    static float[] MoveAxis(Tensor t, int from, int to)
    {
        if (from == to) return t.Data;
        int rank = t.Rank;
        var order = Enumerable.Range(0, rank).Where(d => d != from).ToList();
        order.Insert(to, from);
        int[] shape = order.Select(d => t.Shape[d]).ToArray();
        var sourceStride = new int[rank];
        for (int d = rank - 1, s = 1; d >= 0; s *= t.Shape[d], d--) sourceStride[d] = s;
        var result = new float[t.Length];
        var index = new int[rank];
        for (int k = 0; k < result.Length; k++)
        {
            int offset = 0;
            for (int d = 0; d < rank; d++) offset += index[d] * sourceStride[order[d]];
            result[k] = t.Data[offset];
            for (int d = rank - 1; d >= 0 && ++index[d] == shape[d]; d--) index[d] = 0;
        }
        return result;
    }

    static void NormalizeRows(float[] data, int rows, int length)
    {
        for (int r = 0; r < rows; r++)
        {
            Span<float> row = data.AsSpan(r * length, length);
            double sum = 0;
            foreach (float v in row) sum += (double)v * v;
            float norm = (float)System.Math.Sqrt(sum);
            if (norm == 0f) norm = 1f;
            foreach (ref float v in row) v /= norm;
        }
    }

    static void NormalizeColumns(float[] data, int batch, int depth, int columns)
    {
        var sums = new double[columns];
        for (int s = 0; s < batch; s++)
        {
            Array.Clear(sums);
            Span<float> block = data.AsSpan(s * depth * columns, depth * columns);
            for (int k = 0; k < depth; k++)
                for (int j = 0; j < columns; j++) sums[j] += (double)block[k * columns + j] * block[k * columns + j];
            for (int j = 0; j < columns; j++)
            {
                float norm = (float)System.Math.Sqrt(sums[j]);
                if (norm == 0f) norm = 1f;
                for (int k = 0; k < depth; k++) block[k * columns + j] /= norm;
            }
        }
    }
}
