namespace RnnParity.Core.Activations;

/// <summary>
/// Keras 3.15's <c>sparsemax(x, axis=-1)</c> on one row, as its backends compute it: with <c>z</c> the row
/// sorted in decreasing order, <c>c_j = Σ_{i≤j} z_i</c> and <c>k</c> the number of <c>j</c> (1-based) with
/// <c>z_j − (c_j − 1)/j &gt; 0</c>, the output is <c>max(x − τ, 0)</c> with <c>τ = (Σ_{j≤k} c_j − 1) / k</c>.
/// </summary>
/// <remarks>
/// Martins &amp; Astudillo (2016) define <c>τ = (c_k − 1) / k</c>. Keras 3.15 sums every cumulative sum in the
/// support instead (<c>np.sum(np.where(support, logits_cumsum, 0.0))</c> in <c>backend/numpy/nn.py</c>, the
/// same line in every backend), which agrees only when k = 1; otherwise its output does not sum to 1
/// (keras-team/keras#23425, fixed after 3.15 by #23469). This class reproduces Keras 3.15. As in the numpy
/// backend, the sums are float32 and the divisions by the integer counts float64.
/// </remarks>
public sealed class SparsemaxActivation() : Activation("sparsemax")
{
    public override bool IsElementwise => false;

    public override void Apply(Span<float> row)
    {
        if (row.IsEmpty) return;
        float[] sorted = row.ToArray();
        Array.Sort(sorted);
        Array.Reverse(sorted);
        float cumsum = 0f, supportCumsums = 0f;
        int k = 0;
        for (int j = 0; j < sorted.Length; j++)
        {
            cumsum += sorted[j];
            if (sorted[j] - (double)(cumsum - 1f) / (j + 1) > 0) { k++; supportCumsums += cumsum; }
        }
        double tau = (double)(supportCumsums - 1f) / k;
        for (int i = 0; i < row.Length; i++) row[i] = (float)System.Math.Max(row[i] - tau, 0.0);
    }
}
