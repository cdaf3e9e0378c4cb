using RnnParity.Core.Activations;
using CoreActivation = RnnParity.Core.Activations.Activation;

namespace RnnParity.Layers.Activations;

/// <summary>Keras's <c>LeakyReLU(negative_slope=0.3)</c>: <c>max(x, negative_slope · x)</c>. Shape and mask pass through.</summary>
public sealed class LeakyReLU : ActivationFunctionLayer
{
    public LeakyReLU(double negativeSlope = 0.3, string? name = null) : base(name)
    {
        if (!(negativeSlope >= 0)) throw Error("negative_slope", $"cannot be negative, got {negativeSlope}.");
        NegativeSlope = negativeSlope;
        Function = KerasActivations.LeakyRelu(negativeSlope);
    }

    public double NegativeSlope { get; }

    public override CoreActivation Function { get; }
}
