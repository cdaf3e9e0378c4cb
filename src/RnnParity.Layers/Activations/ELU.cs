using RnnParity.Core.Activations;
using CoreActivation = RnnParity.Core.Activations.Activation;

namespace RnnParity.Layers.Activations;

/// <summary>Keras's <c>ELU(alpha=1.0)</c>: <c>x</c> for <c>x ≥ 0</c>, else <c>alpha · (exp(x) − 1)</c>. Shape and mask pass through.</summary>
public sealed class ELU : ActivationFunctionLayer
{
    public ELU(double alpha = 1.0, string? name = null) : base(name)
    {
        Alpha = alpha;
        Function = KerasActivations.Elu(alpha);
    }

    public double Alpha { get; }

    public override CoreActivation Function { get; }
}
