using RnnParity.Core.Activations;
using RnnParity.Core.Math;

namespace RnnParity.Core.Cells;

/// <summary>
/// <c>h_t = activation(x_t·kernel + bias + h_{t-1}·recurrent_kernel)</c>
/// (<c>keras/src/layers/rnn/simple_rnn.py</c>, SimpleRNNCell.call).
/// </summary>
public sealed class SimpleRnnCell(int units, int inputDim, Activation activation, bool useBias = true)
    : RecurrentCell(units, inputDim, gates: 1, useBias, [units])
{
    public Activation Activation { get; } = activation;

    // Only the packed recurrent kernel.
    public override int WorkspaceLength(int batch) => PackedRecurrentLength;

    public override void BeginSequence(Span<float> workspace, int batch) =>
        Gemm.PackB(RecurrentKernel.Data, Units, Units, Units, workspace.Slice(0, PackedRecurrentLength));

    public override void Step(ReadOnlySpan<float> projectedInput, ReadOnlySpan<float> state, Span<float> newState, Span<float> workspace, int batch)
    {
        int n = batch * Units;
        Span<float> h = newState.Slice(0, n);
        projectedInput.Slice(0, n).CopyTo(h);
        Gemm.MatMulAddPacked(state.Slice(0, n), batch, Units, Units, workspace.Slice(0, PackedRecurrentLength), RecurrentKernel.Data, Units, Units, h, Units);
        Activation.ApplyRows(h, Units);
    }
}
