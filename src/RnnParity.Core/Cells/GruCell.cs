using RnnParity.Core.Activations;
using RnnParity.Core.Math;

namespace RnnParity.Core.Cells;

/// <summary>
/// GRU step (<c>keras/src/layers/rnn/gru.py</c>, GRUCell.call, gate blocks z, r, h).
/// reset_after=True (Keras 3 default, bias (2, 3·units): input row, recurrent row):
/// <c>z = σ(x_z + h·R_z + b1_z)</c>, <c>r = σ(x_r + h·R_r + b1_r)</c>,
/// <c>ĥ = act(x_h + r∘(h·R_h + b1_h))</c>.
/// reset_after=False (bias (3·units)): <c>ĥ = act(x_h + (r∘h)·R_h)</c>.
/// Both: <c>h_t = z∘h_{t-1} + (1 − z)∘ĥ</c>, with <c>x_* = x·kernel_* + b0_*</c>.
/// </summary>
public sealed class GruCell(int units, int inputDim, Activation activation, Activation recurrentActivation, bool useBias = true, bool resetAfter = true)
    : RecurrentCell(units, inputDim, gates: 3, useBias, resetAfter ? [2, 3 * units] : [3 * units])
{
    public Activation Activation { get; } = activation;

    public Activation RecurrentActivation { get; } = recurrentActivation;

    public bool ResetAfter { get; } = resetAfter;

    ReadOnlySpan<float> RecurrentBias => Bias is null || !ResetAfter ? default : Bias.Data.AsSpan(ProjectionWidth, ProjectionWidth);

    // inner (batch×3u) for h·R, plus one row of r∘h for reset_after=False.
    public override int WorkspaceLength(int batch) => batch * ProjectionWidth + batch * Units;

    public override void Step(ReadOnlySpan<float> projectedInput, ReadOnlySpan<float> state, Span<float> newState, Span<float> workspace, int batch)
    {
        int u = Units, w = ProjectionWidth;
        ReadOnlySpan<float> hPrev = state.Slice(0, batch * u);
        ReadOnlySpan<float> R = RecurrentKernel.Data;
        Span<float> inner = workspace.Slice(0, batch * w);
        Span<float> rh = workspace.Slice(batch * w, batch * u);
        if (ResetAfter)
        {
            Gemm.MatMulBias(hPrev, batch, u, R, w, RecurrentBias, inner);
        }
        else
        {
            // Only the z and r blocks of h·R are needed before r is known.
            inner.Clear();
            for (int b = 0; b < batch; b++)
                for (int k = 0; k < u; k++)
                    System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(R.Slice(k * w, 2 * u), hPrev[b * u + k], inner.Slice(b * w, 2 * u), inner.Slice(b * w, 2 * u));
        }
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<float> xb = projectedInput.Slice(b * w, w);
            Span<float> ib = inner.Slice(b * w, w);
            Span<float> z = ib.Slice(0, u), r = ib.Slice(u, u), hh = ib.Slice(2 * u, u);
            for (int j = 0; j < 2 * u; j++) ib[j] += xb[j];
            RecurrentActivation.Apply(z);
            RecurrentActivation.Apply(r);
            if (ResetAfter)
            {
                for (int j = 0; j < u; j++) hh[j] = xb[2 * u + j] + r[j] * hh[j];
            }
            else
            {
                Span<float> rhb = rh.Slice(b * u, u);
                for (int j = 0; j < u; j++) rhb[j] = r[j] * hPrev[b * u + j];
                xb.Slice(2 * u, u).CopyTo(hh);
                for (int k = 0; k < u; k++)
                    System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(R.Slice(k * w + 2 * u, u), rhb[k], hh, hh);
            }
            Activation.Apply(hh);
            Span<float> h = newState.Slice(b * u, u);
            for (int j = 0; j < u; j++) h[j] = z[j] * hPrev[b * u + j] + (1f - z[j]) * hh[j];
        }
    }
}
