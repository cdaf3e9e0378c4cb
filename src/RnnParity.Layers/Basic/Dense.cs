using RnnParity.Core.Activations;
using RnnParity.Core.Math;
using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Basic;

/// <summary>Keras's <c>Dense</c>: <c>activation(x·kernel + bias)</c> over the last axis; passes the mask on.</summary>
public sealed class Dense : Layer
{
    Variable? _kernel;
    Variable? _bias;

    public Dense(int units, string? activation = null, bool useBias = true, string? name = null) : base(name)
    {
        if (units <= 0) throw new ArgumentOutOfRangeException(nameof(units), units, $"layer '{Name}': units must be positive.");
        Units = units;
        Activation = ActivationOption("activation", activation);
        UseBias = useBias;
    }

    public int Units { get; }

    public Activation Activation { get; }

    public bool UseBias { get; }

    public override IReadOnlyList<Variable> Weights => _kernel is null ? [] : _bias is null ? [_kernel] : [_kernel, _bias];

    protected override void BuildCore(IReadOnlyList<int?[]> inputShapes)
    {
        int?[] s = inputShapes[0];
        if (s.Length < 2 || s[^1] is not int inputDim || inputDim <= 0)
            throw Error("input_shape", $"the last dimension must be known and positive, got {ShapeUtil.Format(s)}.");
        _kernel = new Variable("kernel", [inputDim, Units]);
        _bias = UseBias ? new Variable("bias", [Units]) : null;
    }

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes) => [[.. inputShapes[0][..^1], Units]];

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        int inputDim = _kernel!.Shape[0];
        if (x.Rank < 2 || x.Shape[^1] != inputDim)
            throw Error("inputs", $"expected last dimension {inputDim}, got {ShapeUtil.Format(x.Shape)}.");
        int rows = x.Length / inputDim;
        var y = new Tensor([.. x.Shape[..^1], Units]);
        Gemm.MatMulBias(x.Data, rows, inputDim, _kernel.Data, Units, _bias is null ? default : _bias.Data, y.Data);
        Activation.ApplyRows(y.Data, Units);
        y.Mask = x.Mask;
        return [y];
    }
}
