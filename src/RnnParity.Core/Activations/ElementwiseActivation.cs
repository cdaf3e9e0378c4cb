namespace RnnParity.Core.Activations;

/// <summary>An activation defined by a span kernel that maps every element on its own.</summary>
public sealed class ElementwiseActivation : Activation
{
    public delegate void SpanKernel(Span<float> values);

    readonly SpanKernel _kernel;

    public ElementwiseActivation(string name, SpanKernel kernel) : base(name) => _kernel = kernel;

    public override void Apply(Span<float> row) => _kernel(row);
}
