using RnnParity.Core.Math;
using RnnParity.Core.Tensors;
using RnnParity.Layers.Graph;

namespace RnnParity.Layers.Attention;

/// <summary>
/// Keras's <c>Attention</c> (Luong-style dot-product attention) on <c>[query, value]</c> or
/// <c>[query, value, key]</c> (key defaults to value): query (…, Tq, dim), value (…, Tv, dv),
/// key (…, Tv, dim) → output (…, Tq, dv), and with <see cref="ReturnAttentionScores"/> the
/// attention distribution (…, Tq, Tv) as a second output.
/// </summary>
/// <remarks>
/// <para>Scores: <c>"dot"</c>: <c>s = q·kᵀ</c> (times the scalar weight <c>scale</c> when
/// <c>use_scale</c>); <c>"concat"</c>: <c>s[i,j] = concat_score_weight · Σ_d tanh(scale·(q[i,d] + k[j,d]))</c>
/// (no <c>scale</c> factor without <c>use_scale</c>).</para>
/// <para>Masks (Keras's <c>_apply_scores</c>): the value mask, and with <see cref="UseCausalMask"/>
/// the causal mask <c>i ≥ j</c>, mark the scores to keep; the others become <c>s − 1e9</c>. Then
/// <c>a = softmax(s)</c> over Tv, <c>output = a·v</c>, and rows whose query step is masked are
/// zeroed. The key's own mask is ignored, as in Keras. The output carries the query's mask; the
/// scores carry none. <c>dropout</c> only acts in training.</para>
/// <para>In Keras <c>use_causal_mask</c> and <c>return_attention_scores</c> are arguments of each
/// call; here they are fixed per layer instance by the first <see cref="Apply(IReadOnlyList{KerasTensor}, bool, IReadOnlyList{KerasTensor})"/>
/// or <see cref="ApplyWithScores"/>, and a later call of the same instance with other values is
/// refused as not supported yet. Masks are (batch, timesteps), so masked inputs must be 3-D.</para>
/// </remarks>
public class Attention : Layer, IAttentionCallOptions
{
    /// <summary>Keras's boolean call arguments, set by the config reader (<c>SetCallOptions</c>).</summary>
    public override IReadOnlyList<string> CallOptions => AttentionCallOptions.Names;

    /// <summary>Keras's <c>mask=[query_mask, value_mask(, key_mask)]</c>; a null entry means no mask for that input.</summary>
    public override IReadOnlyList<string> CallKeywords => ["mask"];

    Variable? _scale;
    Variable? _concatScoreWeight;
    readonly AttentionCallOptions _callOptions = new();

    public Attention(bool useScale = false, string scoreMode = "dot", double dropout = 0.0, string? name = null) : base(name)
    {
        if (scoreMode is not ("dot" or "concat"))
            throw Error("score_mode", $"expected one of {{'dot', 'concat'}}, got '{scoreMode}'.");
        UseScale = useScale;
        ScoreMode = scoreMode;
        Dropout = dropout;
    }

    public bool UseScale { get; }

    public string ScoreMode { get; }

    /// <summary>Dropout on the attention distribution in training; nothing at inference.</summary>
    public double Dropout { get; }

    /// <summary>The call argument <c>use_causal_mask</c> of this instance's calls.</summary>
    public bool UseCausalMask => _callOptions.UseCausalMask;

    /// <summary>The call argument <c>return_attention_scores</c>: a second output, the attention distribution.</summary>
    public bool ReturnAttentionScores => _callOptions.ReturnAttentionScores;

    public override IReadOnlyList<Variable> Weights => new[] { _scale, _concatScoreWeight }.OfType<Variable>().ToArray();

    /// <summary>
    /// The functional API's <c>attention([query, value(, key)], use_causal_mask=..., mask=[query_mask, value_mask])</c>;
    /// an explicit <paramref name="mask"/> replaces the inputs' own masks (a null entry: none).
    /// </summary>
    public KerasTensor Apply(IReadOnlyList<KerasTensor> inputs, bool useCausalMask = false, IReadOnlyList<KerasTensor?>? mask = null)
    {
        SetCallOptions(useCausalMask, returnAttentionScores: false);
        return mask is null ? ApplySingle(inputs) : ApplyMany(WithMasks(inputs, mask))[0];
    }

    /// <summary><c>output, scores = attention([query, value(, key)], return_attention_scores=True, ...)</c>.</summary>
    public (KerasTensor Output, KerasTensor Scores) ApplyWithScores(IReadOnlyList<KerasTensor> inputs, bool useCausalMask = false, IReadOnlyList<KerasTensor?>? mask = null)
    {
        SetCallOptions(useCausalMask, returnAttentionScores: true);
        var outputs = mask is null ? ApplyMany(inputs) : ApplyMany(WithMasks(inputs, mask));
        return (outputs[0], outputs[1]);
    }

    LayerCall WithMasks(IReadOnlyList<KerasTensor> inputs, IReadOnlyList<KerasTensor?> mask)
    {
        if (MaskListProblem(mask.Count, inputs.Count) is { } problem) throw Error("mask", problem);
        return new LayerCall(inputs.Select(t => new CallInput(t)).ToList(), tensorArguments: 2, mask);
    }

    /// <summary>Keras's <c>_validate_inputs</c>: the mask is a list of 2 or 3 (the key's entry is ignored).</summary>
    public override string? MaskListProblem(int count, int inputCount) => count is 2 or 3 ? null
        : $"expected a list of 2 or 3 masks, namely [query_mask, value_mask(, key_mask)]; got {count}";

    public override string? SingleMaskProblem(int inputCount) =>
        "must be a list, namely [query_mask, value_mask]; got one tensor";

    /// <summary>
    /// Fixes the call arguments for this instance's calls (the model loader passes each node's
    /// <c>kwargs</c> here); the same values again are fine, other values after the first call are not supported yet.
    /// </summary>
    public void SetCallOptions(bool useCausalMask, bool returnAttentionScores) => _callOptions.Set(this, useCausalMask, returnAttentionScores);

    protected override void BuildCore(IReadOnlyList<int?[]> inputShapes)
    {
        Validate(inputShapes);
        _scale = UseScale ? new Variable("scale", []) : null;
        _concatScoreWeight = ScoreMode == "concat" ? new Variable("concat_score_weight", []) : null;
    }

    /// <summary>Keras's <c>_validate_inputs</c>, plus what the score needs: matching ranks, query and key depth.</summary>
    protected void Validate(IReadOnlyList<int?[]> shapes)
    {
        if (shapes.Count is < 2 or > 3)
            throw Error("inputs", $"accepts a list of 2 or 3 inputs, namely [query, value] or [query, value, key]; got {shapes.Count}.");
        int?[] q = shapes[0], v = shapes[1], k = shapes.Count > 2 ? shapes[2] : shapes[1];
        if (q.Length < 3 || v.Length != q.Length || k.Length != q.Length)
            throw Error("inputs", $"expected query, value and key of the same rank, at least 3 (batch, steps, features); got {string.Join(", ", shapes.Select(ShapeUtil.Format))}.");
        if (q[^1] is not int dq || k[^1] is not int dk || v[^1] is null)
            throw Error("inputs", "the last dimension of query, value and key must be known.");
        if (dq != dk)
            throw Error("inputs", $"query depth {dq} and key depth {dk} must be equal.");
        if (k[^2] is int tk && v[^2] is int tv && tk != tv)
            throw Error("inputs", $"key and value must have the same number of steps, got {tk} and {tv}.");
    }

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        Validate(inputShapes);
        int?[] q = inputShapes[0], v = inputShapes[1], k = inputShapes.Count > 2 ? inputShapes[2] : v;
        int?[] output = [.. q[..^1], v[^1]];
        return ReturnAttentionScores ? [output, [.. q[..^1], k[^2]]] : [output];
    }

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs) => Compute(inputs, UseCausalMask, ReturnAttentionScores);

    /// <summary>One eager call with explicit call arguments (does not fix them for the instance).</summary>
    public IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, bool useCausalMask, bool returnAttentionScores)
    {
        if (!IsBuilt) Build(inputs.Select(t => t.Shape.Select(d => (int?)d).ToArray()).ToArray());
        return Compute(inputs, useCausalMask, returnAttentionScores);
    }

    IReadOnlyList<Tensor> Compute(IReadOnlyList<Tensor> inputs, bool causal, bool withScores)
    {
        Validate(inputs.Select(t => t.Shape.Select(d => (int?)d).ToArray()).ToArray());
        Tensor q = inputs[0], v = inputs[1], k = inputs.Count > 2 ? inputs[2] : v;
        int rank = q.Rank;
        int tq = q.Shape[^2], dim = q.Shape[^1], tv = v.Shape[^2], dv = v.Shape[^1];
        int batch = q.Length / System.Math.Max(1, tq * dim);
        if (!q.Shape[..^2].SequenceEqual(v.Shape[..^2]) || !k.Shape[..^2].SequenceEqual(v.Shape[..^2]) || k.Shape[^2] != tv)
            throw Error("inputs", $"query, value and key must agree on the batch dimensions and key/value on the steps; got {ShapeUtil.Format(q.Shape)}, {ShapeUtil.Format(v.Shape)}, {ShapeUtil.Format(k.Shape)}.");
        bool[]? qMask = q.Mask, vMask = v.Mask;
        if ((qMask is not null || vMask is not null) && rank != 3)
            throw new NotSupportedYetException(Name, ClassName, "mask", $"masks on {rank}-D inputs (only (batch, steps, features) inputs carry masks here).");

        var output = new Tensor([.. q.Shape[..^1], dv]);
        var scores = new Tensor([.. q.Shape[..^1], tv]);
        var keyT = new float[dim * tv];
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<float> qb = q.Data.AsSpan(b * tq * dim, tq * dim), kb = k.Data.AsSpan(b * tv * dim, tv * dim);
            Span<float> sb = scores.Data.AsSpan(b * tq * tv, tq * tv);
            Scores(qb, kb, tq, tv, dim, keyT, sb);
            for (int i = 0; i < tq; i++)
            {
                Span<float> row = sb.Slice(i * tv, tv);
                for (int j = 0; j < tv; j++)
                {
                    bool keep = (vMask is null || vMask[b * tv + j]) && (!causal || i >= j);
                    if (!keep) row[j] -= 1e9f;
                }
                AttentionMath.Softmax(row);
            }
            Span<float> ob = output.Data.AsSpan(b * tq * dv, tq * dv);
            Gemm.MatMulAdd(sb, tq, tv, v.Data.AsSpan(b * tv * dv, tv * dv), dv, ob);
            if (qMask is not null)
                for (int i = 0; i < tq; i++)
                    if (!qMask[b * tq + i]) ob.Slice(i * dv, dv).Clear();
        }
        output.Mask = qMask;
        return withScores ? [output, scores] : [output];
    }

    /// <summary>Raw scores (Tq × Tv) of one batch item, before masking; <paramref name="keyT"/> is scratch of dim·Tv floats.</summary>
    protected virtual void Scores(ReadOnlySpan<float> q, ReadOnlySpan<float> k, int tq, int tv, int dim, Span<float> keyT, Span<float> scores)
    {
        if (ScoreMode == "dot")
        {
            AttentionMath.Transpose(k, tv, dim, keyT);
            scores.Clear();
            Gemm.MatMulAdd(q, tq, dim, keyT, tv, scores);
            if (_scale is not null)
            {
                float s = _scale.Data[0];
                for (int i = 0; i < scores.Length; i++) scores[i] *= s;
            }
            return;
        }
        float weight = _concatScoreWeight!.Data[0];
        Span<float> terms = keyT[..dim];
        for (int i = 0; i < tq; i++)
            for (int j = 0; j < tv; j++)
            {
                for (int d = 0; d < dim; d++)
                {
                    float x = q[i * dim + d] + k[j * dim + d];
                    if (_scale is not null) x = _scale.Data[0] * x;
                    terms[d] = MathF.Tanh(x);
                }
                scores[i * tv + j] = weight * PairwiseSum.Sum(terms);
            }
    }
}
