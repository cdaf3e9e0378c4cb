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

    public override bool HasGateTrace => true;

    // SimpleRNN's one "gate" is its new h.
    public override void ReadGates(ReadOnlySpan<float> workspace, ReadOnlySpan<float> newState, int batch, Span<float> gates) =>
        newState.Slice(0, batch * Units).CopyTo(gates);

    public override bool SplitsRows => true;

    public override void Step(ReadOnlySpan<float> projectedInput, ReadOnlySpan<float> state, Span<float> newState, Span<float> workspace, int batch)
    {
        int u = Units, n = batch * u;
        Span<float> h = newState.Slice(0, n);
        projectedInput.Slice(0, n).CopyTo(h);
        Gemm.MatMulAddPacked(state.Slice(0, n), batch, u, u, workspace.Slice(0, PackedRecurrentLength), RecurrentKernel.Data, u, u, h, u);
        // One call per row, never across rows: an element-wise activation may take a scalar path for a
        // short span and a vector path for a long one, and the loop may run a range of the rows as a batch
        // of its own (threads), so a row's span must not depend on the batch size.
        for (int b = 0; b < batch; b++) Activation.Apply(h.Slice(b * u, u));
    }
}
