using System.Numerics.Tensors;
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

    // inner (batch×3u) for h·R, (batch×u) for r∘h (reset_after=False) or 1 − z, then the packed
    // recurrent kernel: whole for reset_after=True; for reset_after=False its two column blocks, R[:, :2u]
    // (needed before r is known) and R[:, 2u:], each packed on its own from a 64-byte line.
    int PackedZrLength => ResetAfter ? PackedRecurrentLength : Gemm.PackedLength(Units, 2 * Units);

    int PackedHLength => ResetAfter ? 0 : Gemm.PackedLength(Units, Units);

    int PackedOffset(int batch) => AlignUp(batch * (ProjectionWidth + Units));

    public override int WorkspaceLength(int batch) => PackedOffset(batch) + AlignUp(PackedZrLength) + PackedHLength;

    public override void BeginSequence(Span<float> workspace, int batch)
    {
        int u = Units, w = ProjectionWidth, offset = PackedOffset(batch);
        ReadOnlySpan<float> R = RecurrentKernel.Data;
        Gemm.PackB(R, u, ResetAfter ? w : 2 * u, w, workspace.Slice(offset, PackedZrLength));
        if (!ResetAfter) Gemm.PackB(R.Slice(2 * u), u, u, w, workspace.Slice(offset + AlignUp(PackedZrLength), PackedHLength));
    }

    public override bool HasGateTrace => true;

    /// <remarks>The step leaves z and r activated in inner, but overwrites ĥ's block with (1 − z)∘ĥ and
    /// keeps 1 − z in the r∘h rows; ĥ is read back as their quotient (within an ulp or two), and is
    /// NaN where 1 − z rounded to 0, as there ĥ has no effect on h.</remarks>
    public override void ReadGates(ReadOnlySpan<float> workspace, ReadOnlySpan<float> newState, int batch, Span<float> gates)
    {
        int u = Units, w = ProjectionWidth;
        workspace.Slice(0, batch * w).CopyTo(gates);
        for (int b = 0; b < batch; b++)
        {
            Span<float> hh = gates.Slice(b * w + 2 * u, u);
            ReadOnlySpan<float> oneMinusZ = workspace.Slice(batch * w + b * u, u);
            for (int k = 0; k < u; k++) hh[k] = oneMinusZ[k] == 0 ? float.NaN : hh[k] / oneMinusZ[k];
        }
    }

    public override bool SplitsRows => true;

    public override void Step(ReadOnlySpan<float> projectedInput, ReadOnlySpan<float> state, Span<float> newState, Span<float> workspace, int batch)
    {
        int u = Units, w = ProjectionWidth;
        ReadOnlySpan<float> hPrev = state.Slice(0, batch * u);
        ReadOnlySpan<float> x = projectedInput.Slice(0, batch * w);
        Span<float> h = newState.Slice(0, batch * u);
        ReadOnlySpan<float> R = RecurrentKernel.Data;
        Span<float> inner = workspace.Slice(0, batch * w);
        Span<float> rh = workspace.Slice(batch * w, batch * u);
        if (ResetAfter)
        {
            ReadOnlySpan<float> bias = RecurrentBias;
            if (bias.IsEmpty) inner.Clear();
            else for (int b = 0; b < batch; b++) bias.CopyTo(inner.Slice(b * w, w));
            Gemm.MatMulAddPacked(hPrev, batch, u, u, workspace.Slice(PackedOffset(batch), PackedZrLength), R, w, w, inner, w);
        }
        else
        {
            // Only the z and r blocks of h·R are needed before r is known: R[:, :2u] (ldb = w for its tail columns).
            inner.Clear();
            Gemm.MatMulAddPacked(hPrev, batch, u, u, workspace.Slice(PackedOffset(batch), PackedZrLength), R, 2 * u, w, inner, w);
        }
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<float> xb = x.Slice(b * w, w);
            Span<float> ib = inner.Slice(b * w, w);
            Span<float> zr = ib.Slice(0, 2 * u), z = ib.Slice(0, u), r = ib.Slice(u, u), hh = ib.Slice(2 * u, u);
            TensorPrimitives.Add(zr, xb.Slice(0, 2 * u), zr);
            // z and r are adjacent: one call for both when the activation is element-wise.
            if (RecurrentActivation.IsElementwise) RecurrentActivation.Apply(zr);
            else { RecurrentActivation.Apply(z); RecurrentActivation.Apply(r); }
            if (ResetAfter)
                TensorPrimitives.MultiplyAdd(r, hh, xb.Slice(2 * u, u), hh); // x_h + r∘(h·R_h + b1_h)
            else
            {
                TensorPrimitives.Multiply(r, hPrev.Slice(b * u, u), rh.Slice(b * u, u));
                xb.Slice(2 * u, u).CopyTo(hh);
            }
        }
        // reset_after=False: hh = x_h + (r∘h)·R_h for all rows in one product (R[:, 2u:], ldb = w).
        if (!ResetAfter)
            Gemm.MatMulAddPacked(rh, batch, u, u, workspace.Slice(PackedOffset(batch) + AlignUp(PackedZrLength), PackedHLength),
                R.Slice(2 * u), u, w, inner.Slice(2 * u), w);
        for (int b = 0; b < batch; b++)
        {
            Span<float> ib = inner.Slice(b * w, w);
            Span<float> z = ib.Slice(0, u), hh = ib.Slice(2 * u, u);
            Activation.Apply(hh);
            // h = z∘h_prev + (1 − z)∘ĥ: both products rounded before the sum, as written.
            Span<float> oneMinusZ = rh.Slice(b * u, u); // r∘h of this row is no longer needed
            TensorPrimitives.Subtract(1f, z, oneMinusZ);
            TensorPrimitives.Multiply(oneMinusZ, hh, hh);
            TensorPrimitives.MultiplyAdd(z, hPrev.Slice(b * u, u), hh, h.Slice(b * u, u));
        }
    }
}
