using RnnParity.Core.Math;
using RnnParity.Core.Tensors;
using RnnParity.Layers.Graph;

namespace RnnParity.Layers.Attention;

/// <summary>
/// Keras's <c>MultiHeadAttention</c> on (batch, steps, features) inputs: <c>[query, value]</c> or
/// <c>[query, value, key]</c> (key defaults to value), attention over the steps (the default
/// <c>attention_axes</c>).
/// </summary>
/// <remarks>
/// <para>Weights, as Keras's EinsumDense sub-layers (paths <c>&lt;layer&gt;/query/kernel</c>, ...), in
/// <c>get_weights()</c> order: <c>query</c> kernel (dq, heads, key_dim) and bias (heads, key_dim),
/// <c>key</c> kernel (dk, heads, key_dim) and bias, <c>value</c> kernel (dv, heads, value_dim) and bias
/// (heads, value_dim), <c>attention_output</c> kernel (heads, value_dim, out) and bias (out), with
/// out = <c>output_shape</c> or dq; no biases without <c>use_bias</c>.</para>
/// <para>Per head h: <c>Q = query·Wq + bq</c>, <c>K</c>, <c>V</c> likewise; <c>s = Q·Kᵀ / √key_dim</c>;
/// <c>a = softmax(s)</c> over the value steps where the attention mask allows (query mask[i] ∧ value
/// mask[j] ∧ key mask[j], ∧ i ≥ j with <c>use_causal_mask</c>, ∧ |i − j| &lt; <c>sliding_window</c>);
/// <c>o = a·V</c>; <c>output = Σ_h o_h·Wo_h + bo</c>. The output carries the query's mask.</para>
/// <para>Keras takes one of two paths, and they differ where a whole row is masked. Without
/// <c>return_attention_scores</c> and with <c>dropout</c> 0 it calls <c>ops.dot_product_attention</c>:
/// masked scores become −0.7·3.38953e38, so a fully masked row attends uniformly to every step.
/// Otherwise it scales the query first, sets masked scores to −1e9 and zeroes masked weights after
/// the softmax, so a fully masked row gives zeros. Both are reproduced.</para>
/// <para>With <c>return_attention_scores</c> the second output holds the weights (batch, heads, Tq, Tv);
/// Keras declares its symbolic shape as (batch, heads, Tq, Tq), and so does this class.</para>
/// <para>Call arguments are fixed per instance, as for <see cref="Attention"/>.</para>
/// </remarks>
public sealed class MultiHeadAttention : Layer, IAttentionCallOptions
{
    /// <summary>Keras's boolean call arguments, set by the config reader (<c>SetCallOptions</c>).</summary>
    public override IReadOnlyList<string> CallOptions => AttentionCallOptions.Names;

    /// <summary>Keras's call takes query, value and key by keyword too; given so, they follow the positional inputs in this order.</summary>
    public override IReadOnlyList<string> CallKeywords => ["query", "value", "key"];

    /// <summary>Keras's per-argument masks; <c>query_mask=</c> is accepted and ignored, as Keras 3.15.1's call reads the query tensor's own mask.</summary>
    public override IReadOnlyList<string> MaskKeywords => ["query_mask", "value_mask", "key_mask"];

    /// <summary>Keras fills <c>value_mask</c>/<c>key_mask</c> from the value's and key's own masks, and reads the query's (<see cref="CallMaskStyle.PerArgument"/>).</summary>
    public override CallMaskStyle MaskStyle => CallMaskStyle.PerArgument;

    /// <summary>Keras's call deletes the masks of its query, value and key tensors once it has read them.</summary>
    public override bool DeletesInputMasks => true;

    /// <summary><c>mha(query, value(, key))</c>: each a call argument of its own.</summary>
    protected internal override LayerCall BindInputs(IReadOnlyList<KerasTensor> inputs) =>
        new(inputs.Select(t => new CallInput(t)).ToList(), tensorArguments: inputs.Count);

    /// <summary>Keras's NumPy <c>_get_large_negative(float32)</c>: 3.38953e38 · −0.7.</summary>
    const float DotProductMaskValue = (float)(3.38953e38 * -0.7);

    /// <summary>Keras's <c>Softmax</c> layer mask value for float32.</summary>
    const float SoftmaxMaskValue = -1e9f;

    Variable[] _weights = [];
    readonly AttentionCallOptions _callOptions = new();

    public MultiHeadAttention(int numHeads, int keyDim, int? valueDim = null, double dropout = 0.0, bool useBias = true,
        int? outputShape = null, int? slidingWindow = null, string? name = null) : base(name)
    {
        if (numHeads <= 0) throw Error("num_heads", $"expected a positive integer, got {numHeads}.");
        if (keyDim <= 0) throw Error("key_dim", $"expected a positive integer, got {keyDim}.");
        if (valueDim is <= 0) throw Error("value_dim", $"expected a positive integer or None, got {valueDim}.");
        if (outputShape is <= 0) throw Error("output_shape", $"expected a positive integer, got {outputShape}.");
        if (slidingWindow is <= 0) throw Error("sliding_window", $"expected None or a positive integer, got {slidingWindow}.");
        NumHeads = numHeads;
        KeyDim = keyDim;
        ValueDim = valueDim ?? keyDim;
        Dropout = dropout;
        UseBias = useBias;
        OutputShape = outputShape;
        SlidingWindow = slidingWindow;
    }

    public int NumHeads { get; }

    public int KeyDim { get; }

    public int ValueDim { get; }

    /// <summary>Only acts in training, but a non-zero rate makes Keras take its explicit-softmax path at inference too.</summary>
    public double Dropout { get; }

    public bool UseBias { get; }

    /// <summary>The last dimension of the output; null means the query's.</summary>
    public int? OutputShape { get; }

    public int? SlidingWindow { get; }

    public bool UseCausalMask => _callOptions.UseCausalMask;

    public bool ReturnAttentionScores => _callOptions.ReturnAttentionScores;

    public override IReadOnlyList<Variable> Weights => _weights;

    public override IEnumerable<(string Path, Variable Weight)> WeightPaths() =>
        _weights.Select((w, i) => ($"{Name}/{SubLayer(i)}/{w.Name}", w));

    string SubLayer(int index)
    {
        string[] names = ["query", "key", "value", "attention_output"];
        return names[UseBias ? index / 2 : index];
    }

    /// <summary>The functional API's <c>mha(query, value(, key), use_causal_mask=...)</c>.</summary>
    public KerasTensor Apply(IReadOnlyList<KerasTensor> inputs, bool useCausalMask = false)
    {
        SetCallOptions(useCausalMask, returnAttentionScores: false);
        return ApplySingle(inputs);
    }

    /// <summary><c>output, scores = mha(query, value(, key), return_attention_scores=True, ...)</c>.</summary>
    public (KerasTensor Output, KerasTensor Scores) ApplyWithScores(IReadOnlyList<KerasTensor> inputs, bool useCausalMask = false)
    {
        SetCallOptions(useCausalMask, returnAttentionScores: true);
        var outputs = ApplyMany(inputs);
        return (outputs[0], outputs[1]);
    }

    /// <inheritdoc cref="Attention.SetCallOptions"/>
    public void SetCallOptions(bool useCausalMask, bool returnAttentionScores) => _callOptions.Set(this, useCausalMask, returnAttentionScores);

    (int Dq, int Dv, int Dk, int Out) Dims(IReadOnlyList<int?[]> shapes)
    {
        if (shapes.Count is < 2 or > 3)
            throw Error("inputs", $"expects query, value and optionally key; got {shapes.Count} inputs.");
        int?[] q = shapes[0], v = shapes[1], k = shapes.Count > 2 ? shapes[2] : v;
        if (q.Length != 3 || v.Length != 3 || k.Length != 3)
            throw new NotSupportedYetException(Name, ClassName, "inputs",
                $"inputs of rank other than 3 (batch, steps, features); got {string.Join(", ", shapes.Select(ShapeUtil.Format))}.");
        if (v[1] is int tv && k[1] is int tk && tv != tk)
            throw Error("inputs", $"all dimensions of value and key except the last must be equal; got {ShapeUtil.Format(v)} and {ShapeUtil.Format(k)}.");
        if (q[2] is not int dq || v[2] is not int dv || k[2] is not int dk)
            throw Error("inputs", "the last dimension of query, value and key must be known.");
        return (dq, dv, dk, OutputShape ?? dq);
    }

    protected override void BuildCore(IReadOnlyList<int?[]> inputShapes)
    {
        var (dq, dv, dk, output) = Dims(inputShapes);
        var list = new List<Variable>();
        void Dense(int input, int[] outShape)
        {
            list.Add(new Variable("kernel", [input, .. outShape]));
            if (UseBias) list.Add(new Variable("bias", outShape));
        }
        Dense(dq, [NumHeads, KeyDim]);
        Dense(dk, [NumHeads, KeyDim]);
        Dense(dv, [NumHeads, ValueDim]);
        list.Add(new Variable("kernel", [NumHeads, ValueDim, output]));
        if (UseBias) list.Add(new Variable("bias", [output]));
        _weights = [.. list];
    }

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        var (_, _, _, output) = Dims(inputShapes);
        int?[] q = inputShapes[0];
        int?[] result = [q[0], q[1], output];
        return ReturnAttentionScores ? [result, [q[0], NumHeads, q[1], q[1]]] : [result];
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
        var (dq, dv, dk, outDim) = Dims(inputs.Select(t => t.Shape.Select(d => (int?)d).ToArray()).ToArray());
        Tensor query = inputs[0], value = inputs[1], key = inputs.Count > 2 ? inputs[2] : value;
        int batch = query.Shape[0], tq = query.Shape[1], tv = value.Shape[1];
        if (value.Shape[0] != batch || key.Shape[0] != batch || key.Shape[1] != tv)
            throw Error("inputs", $"query, value and key must share the batch, value and key the steps; got {ShapeUtil.Format(query.Shape)}, {ShapeUtil.Format(value.Shape)}, {ShapeUtil.Format(key.Shape)}.");
        if (!ShapeUtil.Matches(InputShapes[0], query.Shape) || dq != InputShapes[0][2] || dv != InputShapes[1][2])
            throw Error("inputs", $"expected shapes {string.Join(", ", InputShapes.Select(ShapeUtil.Format))}.");
        int h = NumHeads, kd = KeyDim, vd = ValueDim;

        float[] q = Project(query.Data, batch * tq, dq, 0, h * kd);
        float[] k = Project(key.Data, batch * tv, dk, UseBias ? 2 : 1, h * kd);
        float[] v = Project(value.Data, batch * tv, dv, UseBias ? 4 : 2, h * vd);

        bool[]? qMask = query.Mask, vMask = value.Mask, kMask = inputs.Count > 2 ? key.Mask : null;
        bool masked = qMask is not null || vMask is not null || kMask is not null || causal || SlidingWindow is not null;
        // Keras's dot_product_attention path: no dropout, no scores returned (see remarks).
        bool dotProductPath = Dropout <= 0.0 && !withScores;
        float scale = (float)(1.0 / System.Math.Sqrt(KeyDim));
        if (!dotProductPath) TensorPrimitivesScale(q, scale);

        var attended = new float[batch * tq * h * vd];
        var scores = new Tensor(batch, h, tq, tv);
        var qh = new float[tq * kd];
        var khT = new float[kd * tv];
        var vh = new float[tv * vd];
        var oh = new float[tq * vd];
        var keep = new bool[tq * tv];
        for (int b = 0; b < batch; b++)
        {
            if (masked)
                for (int i = 0; i < tq; i++)
                    for (int j = 0; j < tv; j++)
                        keep[i * tv + j] = (qMask is null || qMask[b * tq + i]) && (vMask is null || vMask[b * tv + j])
                            && (kMask is null || kMask[b * tv + j]) && (!causal || i >= j)
                            && (SlidingWindow is not int w || System.Math.Abs(i - j) < w);
            for (int head = 0; head < h; head++)
            {
                for (int i = 0; i < tq; i++) q.AsSpan(((b * tq + i) * h + head) * kd, kd).CopyTo(qh.AsSpan(i * kd, kd));
                for (int j = 0; j < tv; j++)
                    for (int d = 0; d < kd; d++) khT[d * tv + j] = k[((b * tv + j) * h + head) * kd + d];
                for (int j = 0; j < tv; j++) v.AsSpan(((b * tv + j) * h + head) * vd, vd).CopyTo(vh.AsSpan(j * vd, vd));

                Span<float> s = scores.Data.AsSpan(((b * h) + head) * tq * tv, tq * tv);
                Gemm.MatMulAdd(qh, tq, kd, khT, tv, s);
                for (int i = 0; i < tq; i++)
                {
                    Span<float> row = s.Slice(i * tv, tv);
                    if (dotProductPath)
                    {
                        for (int j = 0; j < tv; j++) row[j] *= scale;
                        if (masked) for (int j = 0; j < tv; j++) if (!keep[i * tv + j]) row[j] = DotProductMaskValue;
                        AttentionMath.Softmax(row);
                    }
                    else
                    {
                        if (masked) for (int j = 0; j < tv; j++) if (!keep[i * tv + j]) row[j] = SoftmaxMaskValue;
                        AttentionMath.Softmax(row);
                        if (masked) for (int j = 0; j < tv; j++) if (!keep[i * tv + j]) row[j] = 0f;
                    }
                }
                Array.Clear(oh);
                Gemm.MatMulAdd(s, tq, tv, vh, vd, oh);
                for (int i = 0; i < tq; i++) oh.AsSpan(i * vd, vd).CopyTo(attended.AsSpan(((b * tq + i) * h + head) * vd, vd));
            }
        }

        var output = new Tensor(batch, tq, outDim);
        Variable outKernel = _weights[UseBias ? 6 : 3];
        Gemm.MatMulBias(attended, batch * tq, h * vd, outKernel.Data, outDim, UseBias ? _weights[7].Data : default, output.Data);
        output.Mask = qMask;
        return withScores ? [output, scores] : [output];
    }

    /// <summary>EinsumDense <c>abc,cde->abde</c>: (rows × input) · kernel (input × heads·dim) + bias (heads·dim).</summary>
    float[] Project(float[] x, int rows, int input, int kernelIndex, int width)
    {
        var y = new float[rows * width];
        Gemm.MatMulBias(x, rows, input, _weights[kernelIndex].Data, width, UseBias ? _weights[kernelIndex + 1].Data : default, y);
        return y;
    }

    static void TensorPrimitivesScale(float[] values, float factor) =>
        System.Numerics.Tensors.TensorPrimitives.Multiply(values, factor, values);
}
