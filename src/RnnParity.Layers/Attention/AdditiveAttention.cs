using RnnParity.Core.Math;
using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Attention;

/// <summary>
/// Keras's <c>AdditiveAttention</c> (Bahdanau-style): as <see cref="Attention"/> with the score
/// <c>s[i,j] = Σ_d scale[d] · tanh(q[i,d] + k[j,d])</c>, <c>scale</c> a trainable vector of the
/// query's depth when <c>use_scale</c> (the default here, unlike <see cref="Attention"/>), else 1.
/// Masks, call arguments and outputs as <see cref="Attention"/>.
/// </summary>
public sealed class AdditiveAttention : Attention
{
    Variable? _scale;

    public AdditiveAttention(bool useScale = true, double dropout = 0.0, string? name = null)
        : base(useScale, "dot", dropout, name) { }

    public override IReadOnlyList<Variable> Weights => _scale is null ? [] : [_scale];

    protected override void BuildCore(IReadOnlyList<int?[]> inputShapes)
    {
        Validate(inputShapes);
        _scale = UseScale ? new Variable("scale", [inputShapes[0][^1]!.Value]) : null;
    }

    protected override void Scores(ReadOnlySpan<float> q, ReadOnlySpan<float> k, int tq, int tv, int dim, Span<float> keyT, Span<float> scores)
    {
        Span<float> terms = keyT[..dim];
        ReadOnlySpan<float> scale = _scale is null ? default : _scale.Data;
        for (int i = 0; i < tq; i++)
            for (int j = 0; j < tv; j++)
            {
                for (int d = 0; d < dim; d++)
                {
                    float t = MathF.Tanh(q[i * dim + d] + k[j * dim + d]);
                    terms[d] = scale.IsEmpty ? t : scale[d] * t;
                }
                scores[i * tv + j] = PairwiseSum.Sum(terms);
            }
    }
}
