using RnnParity.Core.Activations;
using CoreActivation = RnnParity.Core.Activations.Activation;

namespace RnnParity.Layers.Activations;

/// <summary>
/// Keras's <c>ReLU(max_value, negative_slope, threshold)</c>: <c>f(x) = max_value</c> for <c>x ≥ max_value</c>,
/// <c>x</c> for <c>threshold ≤ x &lt; max_value</c>, <c>negative_slope · (x − threshold)</c> otherwise
/// (<see cref="KerasActivations.Relu"/> gives the float32 order of operations). Shape and mask pass through.
/// </summary>
public sealed class ReLU : ActivationFunctionLayer
{
    public ReLU(double? maxValue = null, double negativeSlope = 0.0, double threshold = 0.0, string? name = null) : base(name)
    {
        if (maxValue is < 0 || maxValue is double.NaN) throw Error("max_value", $"cannot be negative, got {maxValue}.");
        if (!(negativeSlope >= 0)) throw Error("negative_slope", $"cannot be negative, got {negativeSlope}.");
        if (!(threshold >= 0)) throw Error("threshold", $"cannot be negative, got {threshold}.");
        MaxValue = maxValue;
        NegativeSlope = negativeSlope;
        Threshold = threshold;
        Function = KerasActivations.Relu(negativeSlope, maxValue, threshold);
    }

    public double? MaxValue { get; }

    public double NegativeSlope { get; }

    public double Threshold { get; }

    public override CoreActivation Function { get; }
}
