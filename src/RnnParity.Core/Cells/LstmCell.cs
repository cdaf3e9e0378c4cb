using RnnParity.Core.Activations;
using RnnParity.Core.Math;

namespace RnnParity.Core.Cells;

/// <summary>
/// LSTM step (<c>keras/src/layers/rnn/lstm.py</c>, LSTMCell.call, gate blocks i, f, c, o):
/// <c>z = x·kernel + h·recurrent_kernel + bias</c>; <c>i = σ(z_i)</c>, <c>f = σ(z_f)</c>,
/// <c>c = f∘c_{t-1} + i∘act(z_c)</c>, <c>o = σ(z_o)</c>, <c>h = o∘act(c)</c>, with σ the
/// recurrent activation. States: [h, c].
/// </summary>
public sealed class LstmCell(int units, int inputDim, Activation activation, Activation recurrentActivation, bool useBias = true)
    : RecurrentCell(units, inputDim, gates: 4, useBias, [4 * units])
{
    public Activation Activation { get; } = activation;

    public Activation RecurrentActivation { get; } = recurrentActivation;

    public override int StateCount => 2;

    // z (batch×4u), then the packed recurrent kernel from the next 64-byte line.
    public override int WorkspaceLength(int batch) => AlignUp(batch * ProjectionWidth) + PackedRecurrentLength;

    public override void BeginSequence(Span<float> workspace, int batch) =>
        Gemm.PackB(RecurrentKernel.Data, Units, ProjectionWidth, ProjectionWidth, workspace.Slice(AlignUp(batch * ProjectionWidth), PackedRecurrentLength));

    public override bool HasGateTrace => true;

    // The step leaves i, f, act(z_c), o activated in place in z, the workspace's first batch×4u floats.
    public override void ReadGates(ReadOnlySpan<float> workspace, ReadOnlySpan<float> newState, int batch, Span<float> gates) =>
        workspace.Slice(0, batch * ProjectionWidth).CopyTo(gates);

    public override bool SplitsRows => true;

    public override void Step(ReadOnlySpan<float> projectedInput, ReadOnlySpan<float> state, Span<float> newState, Span<float> workspace, int batch)
    {
        int u = Units, w = ProjectionWidth, n = batch * u;
        Span<float> z = workspace.Slice(0, batch * w);
        projectedInput.Slice(0, batch * w).CopyTo(z);
        ReadOnlySpan<float> packed = workspace.Slice(AlignUp(batch * w), PackedRecurrentLength);
        Gemm.MatMulAddPacked(state.Slice(0, n), batch, u, u, packed, RecurrentKernel.Data, w, w, z, w);
        for (int b = 0; b < batch; b++)
            LstmGates.Apply(z.Slice(b * w, w), state.Slice(n + b * u, u), newState.Slice(b * u, u), newState.Slice(n + b * u, u),
                Activation, RecurrentActivation);
    }
}
