using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Regularization;

/// <summary>
/// A layer that acts only in training (Keras's <c>layers/regularization</c>): at inference
/// (<c>training=False</c>, which is all this library runs) it returns its input unchanged and
/// passes the mask on (each of these layers sets <c>supports_masking = True</c> in Keras 3).
/// </summary>
public abstract class InferenceIdentity(string? name) : Layer(name)
{
    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes) => [inputShapes[0]];

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs) => [inputs[0]];

    /// <summary>Keras's check on a dropout rate: a float in [0, 1].</summary>
    protected double Rate(double rate, string option = "rate") =>
        rate is >= 0 and <= 1 ? rate : throw Error(option, $"expected a float value between 0 and 1, got {rate}.");
}

/// <summary>Keras's <c>Dropout(rate)</c>: zeroes a share <c>rate</c> of inputs in training; identity at inference.</summary>
public sealed class Dropout : InferenceIdentity
{
    public Dropout(double rate, string? name = null) : base(name) => RateValue = Rate(rate);

    public double RateValue { get; }
}

/// <summary>Keras's <c>SpatialDropout1D(rate)</c>: drops whole feature channels in training; identity at inference.</summary>
public sealed class SpatialDropout1D : InferenceIdentity
{
    public SpatialDropout1D(double rate, string? name = null) : base(name) => RateValue = Rate(rate);

    public double RateValue { get; }
}

/// <summary>Keras's <c>GaussianNoise(stddev)</c>: adds N(0, stddev²) noise in training; identity at inference.</summary>
public sealed class GaussianNoise(double stddev, string? name = null) : InferenceIdentity(name)
{
    public double Stddev { get; } = stddev;
}

/// <summary>Keras's <c>GaussianDropout(rate)</c>: multiplies by N(1, rate/(1−rate)) noise in training; identity at inference.</summary>
public sealed class GaussianDropout : InferenceIdentity
{
    public GaussianDropout(double rate, string? name = null) : base(name) => RateValue = Rate(rate);

    public double RateValue { get; }
}

/// <summary>Keras's <c>AlphaDropout(rate)</c>: SELU-preserving dropout in training; identity at inference.</summary>
public sealed class AlphaDropout : InferenceIdentity
{
    public AlphaDropout(double rate, string? name = null) : base(name) => RateValue = Rate(rate);

    public double RateValue { get; }
}

/// <summary>Keras's <c>ActivityRegularization(l1, l2)</c>: adds a loss term in training; identity at inference.</summary>
public sealed class ActivityRegularization(double l1 = 0.0, double l2 = 0.0, string? name = null) : InferenceIdentity(name)
{
    public double L1 { get; } = l1;

    public double L2 { get; } = l2;
}
