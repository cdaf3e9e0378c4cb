using CoreActivation = RnnParity.Core.Activations.Activation;

namespace RnnParity.Layers.Activations;

/// <summary>
/// Keras's <c>Activation(activation)</c> layer: applies a Keras activation by name (<c>"relu"</c>,
/// <c>"softmax"</c> over the last axis, ...); null is <c>linear</c>. Shape and mask pass through.
/// </summary>
/// <remarks>The C# name is Keras's; the function type is <see cref="RnnParity.Core.Activations.Activation"/>.
/// <c>glu</c> is refused: Keras's layer reports the input shape while glu halves the last axis.</remarks>
public sealed class Activation : ActivationFunctionLayer
{
    public Activation(string? activation, string? name = null) : base(name) => Function = ActivationOption("activation", activation);

    public override CoreActivation Function { get; }
}
