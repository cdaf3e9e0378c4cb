using System.Buffers;
using RnnParity.Core.Activations;
using RnnParity.Core.Math;
using RnnParity.Core.Tensors;

namespace RnnParity.Core.Cells;

/// <summary>
/// One step of Keras's <c>ConvLSTMCell</c> with r = 1, 2 or 3 spatial axes (<c>keras/src/layers/rnn/conv_lstm.py</c>):
/// the LSTM equations (<see cref="LstmGates"/>) with the products replaced by N-d convolutions,
/// <c>z = conv(x_t, kernel; strides, padding, dilation) + bias + conv(h, recurrent_kernel; stride 1, 'same')</c>.
/// Weights: kernel (k₁, …, k_r, channels, 4·filters), recurrent_kernel (k₁, …, k_r, filters, 4·filters),
/// bias (4·filters), gate blocks i, f, c, o along the last axis. The recurrent convolution has no dilation.
/// </summary>
/// <remarks>
/// For the shared <c>RecurrentLoop</c> a step's input is the flattened (spatial × channels) frame and a state is
/// the flattened (out_spatial × filters) map, so <see cref="RecurrentCell.Units"/> is out_positions·filters and a
/// projected row is (out_positions, 4·filters).
/// </remarks>
public sealed class ConvLstmCell : RecurrentCell
{
    readonly ConvolutionGeometry _input, _recurrent;

    /// <summary>A cell for frames of <paramref name="input"/>'s spatial size × <paramref name="channels"/>.</summary>
    /// <param name="input">the input convolution's geometry (kernel, strides, dilation, padding as the layer's shape rule gives them).</param>
    public ConvLstmCell(int filters, int channels, ConvolutionGeometry input, Activation activation, Activation recurrentActivation, bool useBias)
        : base(input.OutputCount * filters, input.InputCount * channels, 4,
            new Variable("kernel", [.. input.KernelSize, channels, 4 * filters]),
            new Variable("recurrent_kernel", [.. input.KernelSize, filters, 4 * filters]),
            useBias ? new Variable("bias", [4 * filters]) : null)
    {
        Filters = filters;
        Channels = channels;
        _input = input;
        int rank = input.KernelSize.Length;
        var ones = Enumerable.Repeat(1, rank).ToArray();
        // 'same' at stride 1 pads kernel_size − 1 in all, ⌊half⌋ before (XLA's split).
        _recurrent = new ConvolutionGeometry(input.OutputSize, input.OutputSize, input.KernelSize, ones, ones,
            input.KernelSize.Select(k => (k - 1) / 2).ToArray());
        Activation = activation;
        RecurrentActivation = recurrentActivation;
    }

    public int Filters { get; }

    public int Channels { get; }

    /// <summary>Spatial size of an input frame.</summary>
    public IReadOnlyList<int> InputSize => _input.InputSize;

    /// <summary>Spatial size of the states and outputs.</summary>
    public IReadOnlyList<int> OutputSize => _input.OutputSize;

    public Activation Activation { get; }

    public Activation RecurrentActivation { get; }

    public override int StateCount => 2;

    // z (batch × out_positions × 4F), then the recurrent im2col columns.
    public override int WorkspaceLength(int batch) => batch * ProjectionWidth + ConvolutionND.ColumnsLength(batch, _recurrent, Filters);

    /// <summary>Every frame of every step at once: <c>conv(x, kernel) + bias</c> into (rows, out_positions, 4·filters).</summary>
    public override void ProjectInputs(ReadOnlySpan<float> x, int rows, Span<float> projection)
    {
        int width = 4 * Filters;
        Span<float> target = projection.Slice(0, rows * ProjectionWidth);
        if (Bias is null) target.Clear();
        else for (int r = 0; r < rows * _input.OutputCount; r++) Bias.Data.CopyTo(target.Slice(r * width, width));
        float[] columns = ArrayPool<float>.Shared.Rent(ConvolutionND.ColumnsLength(rows, _input, Channels));
        try
        {
            ConvolutionND.Accumulate(x, rows, Channels, Kernel.Data, width, 1, _input, columns, target);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(columns);
        }
    }

    // Samples never meet: each is convolved alone, and every output element is one fixed sum (Gemm).
    public override bool SplitsRows => true;

    public override void Step(ReadOnlySpan<float> projectedInput, ReadOnlySpan<float> state, Span<float> newState, Span<float> workspace, int batch)
    {
        int f = Filters, width = 4 * f, n = batch * Units, positions = batch * _input.OutputCount;
        Span<float> z = workspace.Slice(0, batch * ProjectionWidth);
        Span<float> columns = workspace.Slice(z.Length, ConvolutionND.ColumnsLength(batch, _recurrent, f));
        projectedInput.Slice(0, z.Length).CopyTo(z);
        ConvolutionND.Accumulate(state.Slice(0, n), batch, f, RecurrentKernel.Data, width, 1, _recurrent, columns, z);
        for (int p = 0; p < positions; p++)
            LstmGates.Apply(z.Slice(p * width, width), state.Slice(n + p * f, f), newState.Slice(p * f, f), newState.Slice(n + p * f, f),
                Activation, RecurrentActivation);
    }
}
