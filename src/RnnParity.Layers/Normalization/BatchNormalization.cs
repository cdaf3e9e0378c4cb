using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Normalization;

/// <summary>
/// Keras's <c>BatchNormalization</c> at inference: normalises each channel of <see cref="Axis"/>
/// with the moving statistics learned in training. Passes the mask on (<c>supports_masking = True</c>;
/// at inference the mask does not enter the computation).
/// </summary>
/// <remarks>
/// Per channel, in the order and float32 rounding of Keras 3's NumPy <c>batch_normalization</c>:
/// <c>inv = (1 / √(moving_variance + ε))·gamma</c>, <c>res = −moving_mean·inv + beta</c>,
/// <c>y = x·inv + res</c> (gamma and beta left out when <c>scale</c>/<c>center</c> is false).
/// Weights, in Keras's order: <c>gamma</c> (when <c>scale</c>), <c>beta</c> (when <c>center</c>),
/// then the non-trainable <c>moving_mean</c> and <c>moving_variance</c>, and with <c>renorm</c> the
/// non-trainable <c>moving_stddev</c>, <c>renorm_mean</c>, <c>renorm_stddev</c>, which only training uses.
/// <c>momentum</c> and <c>synchronized</c> only matter in training.
/// </remarks>
public sealed class BatchNormalization : Layer
{
    Variable? _gamma;
    Variable? _beta;
    Variable? _movingMean;
    Variable? _movingVariance;
    Variable[] _renorm = [];

    public BatchNormalization(int axis = -1, double momentum = 0.99, double epsilon = 1e-3, bool center = true, bool scale = true,
        bool renorm = false, string? name = null) : base(name)
    {
        if (!(epsilon >= 0) || double.IsInfinity(epsilon)) throw Error("epsilon", $"expected a finite, non-negative float, got {epsilon}.");
        Axis = axis;
        Momentum = momentum;
        Epsilon = epsilon;
        Center = center;
        Scale = scale;
        Renorm = renorm;
    }

    /// <summary>The channel axis, as given (negative counts from the end).</summary>
    public int Axis { get; }

    public double Momentum { get; }

    public double Epsilon { get; }

    public bool Center { get; }

    public bool Scale { get; }

    public bool Renorm { get; }

    public override IReadOnlyList<Variable> Weights =>
        _movingMean is null ? [] : [.. new[] { _gamma, _beta }.OfType<Variable>(), _movingMean, _movingVariance!, .. _renorm];

    int ChannelAxis(int rank) =>
        Axis >= -rank && Axis < rank ? (Axis < 0 ? Axis + rank : Axis)
            : throw Error("axis", $"axis {Axis} is out of bounds for an input of rank {rank}.");

    protected override void BuildCore(IReadOnlyList<int?[]> inputShapes)
    {
        int?[] s = inputShapes[0];
        int axis = ChannelAxis(s.Length);
        if (s[axis] is not int channels || channels <= 0)
            throw Error("axis", $"dimension {axis} of the input {ShapeUtil.Format(s)} must be known.");
        int[] shape = [channels];
        _gamma = Scale ? new Variable("gamma", shape) : null;
        _beta = Center ? new Variable("beta", shape) : null;
        _movingMean = new Variable("moving_mean", shape, trainable: false);
        _movingVariance = new Variable("moving_variance", shape, trainable: false);
        _renorm = Renorm
            ? [new Variable("moving_stddev", shape, trainable: false), new Variable("renorm_mean", shape, trainable: false), new Variable("renorm_stddev", shape, trainable: false)]
            : [];
    }

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        ChannelAxis(inputShapes[0].Length);
        return [inputShapes[0]];
    }

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        if (!ShapeUtil.Matches(InputShapes[0], x.Shape))
            throw Error("inputs", $"expected shape {ShapeUtil.Format(InputShapes[0])}, got {ShapeUtil.Format(x.Shape)}.");
        int axis = ChannelAxis(x.Rank);
        int channels = x.Shape[axis];
        int inner = 1;
        for (int d = axis + 1; d < x.Rank; d++) inner *= x.Shape[d];

        // Per-channel factors first, as NumPy computes them on the (channels,) arrays before broadcasting.
        float eps = (float)Epsilon;
        var inv = new float[channels];
        var res = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            float i = 1f / MathF.Sqrt(_movingVariance!.Data[c] + eps);
            if (_gamma is not null) i *= _gamma.Data[c];
            float r = -_movingMean!.Data[c] * i;
            if (_beta is not null) r += _beta.Data[c];
            inv[c] = i;
            res[c] = r;
        }

        var y = new Tensor((int[])x.Shape.Clone()).WithMask(x.Mask);
        ReadOnlySpan<float> src = x.Data;
        Span<float> dst = y.Data;
        // Multiply then add, never fused: NumPy rounds the product before the sum.
        if (inner == 1)
            for (int start = 0; start < src.Length; start += channels)
            {
                TensorPrimitives.Multiply(src.Slice(start, channels), inv, dst.Slice(start, channels));
                TensorPrimitives.Add(dst.Slice(start, channels), res, dst.Slice(start, channels));
            }
        else
            for (int start = 0; start < src.Length;)
                for (int c = 0; c < channels; c++, start += inner)
                {
                    TensorPrimitives.Multiply(src.Slice(start, inner), inv[c], dst.Slice(start, inner));
                    TensorPrimitives.Add(dst.Slice(start, inner), res[c], dst.Slice(start, inner));
                }
        return [y];
    }
}
