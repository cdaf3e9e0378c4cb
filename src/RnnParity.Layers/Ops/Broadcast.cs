using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Ops;

/// <summary>NumPy broadcasting for the element-wise operations, symbolic (Keras's <c>broadcast_shapes</c>) and concrete.</summary>
internal static class Broadcast
{
    /// <summary>Keras's <c>operation_utils.broadcast_shapes</c>: a None against 1 stays None, against n becomes n.</summary>
    public static int?[]? Shapes(int?[] a, int?[] b)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int?[rank];
        for (int i = 0; i < rank; i++)
        {
            int? x = i - (rank - a.Length) >= 0 ? a[i - (rank - a.Length)] : 1;
            int? y = i - (rank - b.Length) >= 0 ? b[i - (rank - b.Length)] : 1;
            if (x == 1) result[i] = y;
            else if (x is null) result[i] = y == 1 ? null : y;
            else if (y == 1 || y is null || y == x) result[i] = x;
            else return null;
        }
        return result;
    }

    /// <summary><c>out[i] = f(a[i'], b[i''])</c> over the broadcast shape.</summary>
    /// <exception cref="ArgumentException">the shapes do not broadcast.</exception>
    public static Tensor Apply(Tensor a, Tensor b, Func<float, float, float> f, string what)
    {
        int rank = Math.Max(a.Rank, b.Rank);
        var shape = new int[rank];
        var strideA = new int[rank];
        var strideB = new int[rank];
        int sa = 1, sb = 1;
        for (int i = rank - 1; i >= 0; i--)
        {
            int da = i - (rank - a.Rank) >= 0 ? a.Shape[i - (rank - a.Rank)] : 1;
            int db = i - (rank - b.Rank) >= 0 ? b.Shape[i - (rank - b.Rank)] : 1;
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException($"{what}: shapes {ShapeUtil.Format(a.Shape)} and {ShapeUtil.Format(b.Shape)} do not broadcast.");
            shape[i] = Math.Max(da, db);
            if (da == 0 || db == 0) shape[i] = 0;
            strideA[i] = da == 1 ? 0 : sa;
            strideB[i] = db == 1 ? 0 : sb;
            sa *= da;
            sb *= db;
        }
        var result = new Tensor(shape);
        float[] x = a.Data, y = b.Data, z = result.Data;
        if (a.Length == z.Length && b.Length == z.Length)
        {
            for (int i = 0; i < z.Length; i++) z[i] = f(x[i], y[i]);
            return result;
        }
        // An odometer over the output index keeps both input offsets without division per element.
        var index = new int[rank];
        int ia = 0, ib = 0;
        for (int i = 0; i < z.Length; i++)
        {
            z[i] = f(x[ia], y[ib]);
            for (int d = rank - 1; d >= 0; d--)
            {
                index[d]++;
                ia += strideA[d];
                ib += strideB[d];
                if (index[d] < shape[d]) break;
                ia -= strideA[d] * shape[d];
                ib -= strideB[d] * shape[d];
                index[d] = 0;
            }
        }
        return result;
    }
}
