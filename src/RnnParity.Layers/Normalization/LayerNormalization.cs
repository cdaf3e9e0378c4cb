using RnnParity.Core.Math;
using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Normalization;

/// <summary>
/// Keras's <c>LayerNormalization</c>: normalises each example over <see cref="Axis"/> (default the
/// last axis), with a learned per-position scale <c>gamma</c> and offset <c>beta</c> shaped as the
/// normalised axes. Passes the mask on (<c>supports_masking = True</c>; the mask does not enter the statistics).
/// </summary>
/// <remarks>
/// In the order and float32 rounding of Keras 3's <c>ops.layer_normalization</c> on the NumPy backend:
/// <c>mean = Σx / n</c>, <c>var = Σx² / n − mean²</c> (sums in NumPy's order: pairwise over the reduced axes at the end of the array, see <see cref="PairwiseSum"/>),
/// <c>inv = (1 / √(var + ε))·gamma</c>, <c>res = −mean·inv + beta</c>, <c>y = x·inv + res</c>.
/// With <c>rms_scaling</c> (deprecated in Keras 3, it scales by the variance, not the root mean
/// square): <c>var = Σ(x − mean)² / n</c> (<c>np.var</c>), <c>y = (x / √(var + ε))·gamma</c>, no beta.
/// Weights, in Keras's order: <c>gamma</c> (when <c>scale</c> or <c>rms_scaling</c>), <c>beta</c>
/// (when <c>center</c> and not <c>rms_scaling</c>).
/// </remarks>
public sealed class LayerNormalization : Layer
{
    readonly int[] _requestedAxes;
    int[] _axes = [];
    Variable? _gamma;
    Variable? _beta;

    public LayerNormalization(int[]? axis = null, double epsilon = 1e-3, bool center = true, bool scale = true, bool rmsScaling = false, string? name = null)
        : base(name)
    {
        _requestedAxes = axis is null ? [-1] : (int[])axis.Clone();
        if (_requestedAxes.Length == 0) throw Error("axis", "expected an int or a non-empty list of ints.");
        if (!(epsilon >= 0) || double.IsInfinity(epsilon)) throw Error("epsilon", $"expected a finite, non-negative float, got {epsilon}.");
        Epsilon = epsilon;
        Center = center;
        Scale = scale;
        RmsScaling = rmsScaling;
    }

    public LayerNormalization(int axis, double epsilon = 1e-3, bool center = true, bool scale = true, bool rmsScaling = false, string? name = null)
        : this([axis], epsilon, center, scale, rmsScaling, name) { }

    /// <summary>The normalised axes: as given until built, then non-negative and sorted (as Keras's <c>self.axis</c>).</summary>
    public IReadOnlyList<int> Axis => IsBuilt ? _axes : _requestedAxes;

    public double Epsilon { get; }

    public bool Center { get; }

    public bool Scale { get; }

    public bool RmsScaling { get; }

    public override IReadOnlyList<Variable> Weights => new[] { _gamma, _beta }.OfType<Variable>().ToArray();

    protected override void BuildCore(IReadOnlyList<int?[]> inputShapes)
    {
        int?[] s = inputShapes[0];
        int[] axes = Canonical(s.Length);
        var shape = new int[axes.Length];
        for (int i = 0; i < axes.Length; i++)
            shape[i] = s[axes[i]] is int d && d > 0 ? d
                : throw Error("axis", $"dimension {axes[i]} of the input {ShapeUtil.Format(s)} must be known to normalise over it.");
        _axes = axes;
        _gamma = Scale || RmsScaling ? new Variable("gamma", shape) : null;
        _beta = Center && !RmsScaling ? new Variable("beta", shape) : null;
    }

    /// <summary>Keras's <c>canonicalize_axes</c>: each axis in [−rank, rank), negatives from the end, no duplicates; then sorted.</summary>
    int[] Canonical(int rank)
    {
        var axes = new int[_requestedAxes.Length];
        for (int i = 0; i < axes.Length; i++)
        {
            int a = _requestedAxes[i];
            if (a < -rank || a >= rank) throw Error("axis", $"axis {a} is out of bounds for an input of rank {rank}.");
            axes[i] = a < 0 ? a + rank : a;
        }
        if (axes.Distinct().Count() != axes.Length) throw Error("axis", $"duplicate axes are not allowed, got [{string.Join(", ", _requestedAxes)}].");
        Array.Sort(axes);
        return axes;
    }

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        Canonical(inputShapes[0].Length);
        return [inputShapes[0]];
    }

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        if (!ShapeUtil.Matches(InputShapes[0], x.Shape))
            throw Error("inputs", $"expected shape {ShapeUtil.Format(InputShapes[0])}, got {ShapeUtil.Format(x.Shape)}.");
        var groups = new AxisGroups(x.Shape, _axes);
        var y = new Tensor((int[])x.Shape.Clone()).WithMask(x.Mask);
        int n = groups.GroupSize;
        float[] values = new float[n], scratch = new float[n];
        ReadOnlySpan<float> gamma = _gamma is null ? default : _gamma.Data, beta = _beta is null ? default : _beta.Data;
        float eps = (float)Epsilon;
        for (int g = 0; g < groups.Count; g++)
        {
            groups.Gather(x.Data, g, values);
            Normalize(values, groups.Run, scratch, gamma, beta, eps);
            groups.Scatter(values, g, y.Data);
        }
        return [y];
    }

    /// <summary>Normalises one group in place (see the class remarks for the order of operations).</summary>
    void Normalize(Span<float> v, int run, Span<float> scratch, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, float eps)
    {
        float count = v.Length;
        float mean = PairwiseSum.Sum(v, run) / count;
        if (RmsScaling)
        {
            for (int i = 0; i < v.Length; i++) { float d = v[i] - mean; scratch[i] = d * d; }
            float variance = PairwiseSum.Sum(scratch[..v.Length], run) / count;
            float inv = 1f / MathF.Sqrt(variance + eps);
            for (int i = 0; i < v.Length; i++)
            {
                float o = v[i] * inv;
                v[i] = gamma.IsEmpty ? o : o * gamma[i];
            }
            return;
        }
        float var = PairwiseSum.SumOfSquares(v, run, scratch) / count - mean * mean;
        float invStd = 1f / MathF.Sqrt(var + eps);
        for (int i = 0; i < v.Length; i++)
        {
            float inv = gamma.IsEmpty ? invStd : invStd * gamma[i];
            float res = -mean * inv;
            if (!beta.IsEmpty) res += beta[i];
            v[i] = v[i] * inv + res;
        }
    }
}
