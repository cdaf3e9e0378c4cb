using System.Buffers;
using System.Numerics.Tensors;
using RnnParity.Core.Activations;
using RnnParity.Core.Math;
using RnnParity.Core.Tensors;

namespace RnnParity.Core.Cells;

/// <summary>
/// One step of Keras's <c>ConvLSTMCell</c> with one spatial axis (<c>keras/src/layers/rnn/conv_lstm.py</c>):
/// the LSTM equations with the products replaced by 1-D convolutions over the rows,
/// <c>z = conv(x_t, kernel; strides, padding, dilation) + bias + conv(h, recurrent_kernel; stride 1, 'same')</c>,
/// <c>i = σ(z_i), f = σ(z_f), c = f∘c_prev + i∘act(z_c), o = σ(z_o), h = o∘act(c)</c>.
/// Weights: kernel (kernel_size, channels, 4·filters), recurrent_kernel (kernel_size, filters, 4·filters),
/// bias (4·filters), gate blocks i, f, c, o along the last axis. The recurrent convolution has no dilation.
/// </summary>
/// <remarks>
/// For the shared <c>RecurrentLoop</c> a step's input is the flattened (rows × channels) frame and a state is
/// the flattened (out_rows × filters) map, so <see cref="RecurrentCell.Units"/> is out_rows·filters and a
/// projected row is (out_rows, 4·filters).
/// </remarks>
public sealed class ConvLstmCell : RecurrentCell
{
    readonly int _inputLeft, _recurrentLeft;

    /// <summary>A cell for frames of <paramref name="rows"/> × <paramref name="channels"/>.</summary>
    /// <param name="outRows">rows of the state, as Keras's <c>compute_conv_output_shape</c> gives them.</param>
    /// <param name="inputLeft">zeros before the first row of the input convolution ('same': ⌊total/2⌋; 'valid': 0).</param>
    public ConvLstmCell(int filters, int kernelSize, int strides, int dilation, int rows, int channels, int outRows, int inputLeft,
        Activation activation, Activation recurrentActivation, bool useBias)
        : base(outRows * filters, rows * channels, 4,
            new Variable("kernel", [kernelSize, channels, 4 * filters]),
            new Variable("recurrent_kernel", [kernelSize, filters, 4 * filters]),
            useBias ? new Variable("bias", [4 * filters]) : null)
    {
        Filters = filters;
        KernelSize = kernelSize;
        Strides = strides;
        Dilation = dilation;
        Rows = rows;
        Channels = channels;
        OutRows = outRows;
        _inputLeft = inputLeft;
        // 'same' at stride 1 pads kernel_size − 1 in all, ⌊half⌋ before (XLA's split).
        _recurrentLeft = (kernelSize - 1) / 2;
        Activation = activation;
        RecurrentActivation = recurrentActivation;
    }

    public int Filters { get; }

    public int KernelSize { get; }

    public int Strides { get; }

    public int Dilation { get; }

    public int Rows { get; }

    public int Channels { get; }

    public int OutRows { get; }

    public Activation Activation { get; }

    public Activation RecurrentActivation { get; }

    public override int StateCount => 2;

    // z (batch × out_rows × 4F), the recurrent im2col columns, act(c) of one position.
    public override int WorkspaceLength(int batch) =>
        batch * ProjectionWidth + Convolution1D.ColumnsLength(batch, OutRows, KernelSize, Filters) + Filters;

    /// <summary>Every frame of every step at once: <c>conv(x, kernel) + bias</c> into (rows, out_rows, 4·filters).</summary>
    public override void ProjectInputs(ReadOnlySpan<float> x, int rows, Span<float> projection)
    {
        int width = 4 * Filters;
        Span<float> target = projection.Slice(0, rows * ProjectionWidth);
        if (Bias is null) target.Clear();
        else for (int r = 0; r < rows * OutRows; r++) Bias.Data.CopyTo(target.Slice(r * width, width));
        float[] columns = ArrayPool<float>.Shared.Rent(Convolution1D.ColumnsLength(rows, OutRows, KernelSize, Channels));
        try
        {
            Convolution1D.Accumulate(x, rows, Rows, Channels, Kernel.Data, KernelSize, width, 1, Strides, Dilation, _inputLeft, OutRows, columns, target);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(columns);
        }
    }

    public override void Step(ReadOnlySpan<float> projectedInput, ReadOnlySpan<float> state, Span<float> newState, Span<float> workspace, int batch)
    {
        int f = Filters, width = 4 * f, n = batch * Units, positions = batch * OutRows;
        Span<float> z = workspace.Slice(0, batch * ProjectionWidth);
        int columnsLength = Convolution1D.ColumnsLength(batch, OutRows, KernelSize, f);
        Span<float> columns = workspace.Slice(z.Length, columnsLength);
        Span<float> actC = workspace.Slice(z.Length + columnsLength, f);
        projectedInput.Slice(0, z.Length).CopyTo(z);
        Convolution1D.Accumulate(state.Slice(0, n), batch, OutRows, f, RecurrentKernel.Data, KernelSize, width, 1, 1, 1, _recurrentLeft, OutRows, columns, z);
        for (int p = 0; p < positions; p++)
        {
            Span<float> zp = z.Slice(p * width, width);
            Span<float> i = zp.Slice(0, f), fg = zp.Slice(f, f), g = zp.Slice(2 * f, f), o = zp.Slice(3 * f, f);
            RecurrentActivation.Apply(i);
            RecurrentActivation.Apply(fg);
            Activation.Apply(g);
            RecurrentActivation.Apply(o);
            ReadOnlySpan<float> cPrev = state.Slice(n + p * f, f);
            Span<float> h = newState.Slice(p * f, f), c = newState.Slice(n + p * f, f);
            TensorPrimitives.Multiply(fg, cPrev, c);
            TensorPrimitives.MultiplyAdd(i, g, c, c);
            c.CopyTo(actC);
            Activation.Apply(actC);
            TensorPrimitives.Multiply(o, actC, h);
        }
    }
}
