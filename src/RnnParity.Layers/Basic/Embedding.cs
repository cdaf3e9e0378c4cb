using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Basic;

/// <summary>
/// Keras's <c>Embedding</c>: integer indices → rows of <c>embeddings</c> (input_dim, output_dim).
/// With <c>mask_zero</c>, index 0 is padding and masks its timestep.
/// </summary>
public sealed class Embedding : Layer
{
    Variable? _embeddings;

    public Embedding(int inputDim, int outputDim, bool maskZero = false, int? inputLength = null, string? name = null) : base(name)
    {
        if (inputDim <= 0) throw new ArgumentOutOfRangeException(nameof(inputDim), inputDim, $"layer '{Name}': input_dim must be positive.");
        if (outputDim <= 0) throw new ArgumentOutOfRangeException(nameof(outputDim), outputDim, $"layer '{Name}': output_dim must be positive.");
        InputDim = inputDim;
        OutputDim = outputDim;
        MaskZero = maskZero;
        InputLength = inputLength;
    }

    public int InputDim { get; }

    public int OutputDim { get; }

    public bool MaskZero { get; }

    /// <summary>Keras 2's <c>input_length</c>: the sequence length when this is the first layer.</summary>
    public int? InputLength { get; }

    public override IReadOnlyList<Variable> Weights => _embeddings is null ? [] : [_embeddings];

    protected override void BuildCore(IReadOnlyList<int?[]> inputShapes) => _embeddings = new Variable("embeddings", [InputDim, OutputDim]);

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes) => [[.. inputShapes[0], OutputDim]];

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        var y = new Tensor([.. x.Shape, OutputDim]);
        bool[]? mask = MaskZero ? new bool[x.Length] : null;
        for (int i = 0; i < x.Length; i++)
        {
            float v = x.Data[i];
            int index = (int)v;
            if (index != v || index < 0 || index >= InputDim)
                throw Error("inputs", $"index {v} at flat position {i} is not an integer in [0, {InputDim}).");
            _embeddings!.Data.AsSpan(index * OutputDim, OutputDim).CopyTo(y.Data.AsSpan(i * OutputDim, OutputDim));
            if (mask is not null) mask[i] = index != 0;
        }
        y.Mask = mask;
        return [y];
    }
}
