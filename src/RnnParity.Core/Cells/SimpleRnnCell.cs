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

    public override int WorkspaceLength(int batch) => 0;

    public override void Step(ReadOnlySpan<float> projectedInput, ReadOnlySpan<float> state, Span<float> newState, Span<float> workspace, int batch)
    {
        int n = batch * Units;
        Span<float> h = newState.Slice(0, n);
        projectedInput.Slice(0, n).CopyTo(h);
        Gemm.MatMulAdd(state.Slice(0, n), batch, Units, RecurrentKernel.Data, Units, h);
        Activation.ApplyRows(h, Units);
    }
}
