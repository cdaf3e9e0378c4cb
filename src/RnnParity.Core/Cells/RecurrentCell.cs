using RnnParity.Core.Math;
using RnnParity.Core.Tensors;

namespace RnnParity.Core.Cells;

/// <summary>
/// One step of a recurrent layer, for a whole batch at once (Keras's <c>*Cell.call</c>).
/// Weights use Keras's layout: <c>kernel</c> (input_dim, units·gates), <c>recurrent_kernel</c>
/// (units, units·gates), gate blocks side by side along the last axis.
/// </summary>
/// <remarks>
/// The input half of every step, <c>x·kernel + input bias</c>, does not depend on the state, so the
/// loop computes it for all timesteps in one product (<see cref="ProjectInputs(ReadOnlySpan{float}, int, Span{float})"/>) and
/// <see cref="Step"/> only adds the recurrent half. States are laid out as <see cref="StateCount"/>
/// consecutive (batch, units) blocks; block 0 is always the output h.
/// </remarks>
public abstract class RecurrentCell
{
    protected RecurrentCell(int units, int inputDim, int gates, bool useBias, int[] biasShape)
    {
        if (units <= 0) throw new ArgumentOutOfRangeException(nameof(units), units, "units must be positive.");
        if (inputDim <= 0) throw new ArgumentOutOfRangeException(nameof(inputDim), inputDim, "input_dim must be positive.");
        Units = units;
        InputDim = inputDim;
        Gates = gates;
        Kernel = new Variable("kernel", [inputDim, units * gates]);
        _denseKernel = true;
        RecurrentKernel = new Variable("recurrent_kernel", [units, units * gates]);
        Bias = useBias ? new Variable("bias", biasShape) : null;
    }

    /// <summary>A cell whose weights are not dense matrices (the ConvLSTM cells' convolution kernels);
    /// it projects its inputs itself (<see cref="ProjectInputs(ReadOnlySpan{float}, int, Span{float})"/>).</summary>
    protected RecurrentCell(int units, int inputDim, int gates, Variable kernel, Variable recurrentKernel, Variable? bias)
    {
        if (units <= 0) throw new ArgumentOutOfRangeException(nameof(units), units, "units must be positive.");
        if (inputDim <= 0) throw new ArgumentOutOfRangeException(nameof(inputDim), inputDim, "input_dim must be positive.");
        Units = units;
        InputDim = inputDim;
        Gates = gates;
        Kernel = kernel;
        RecurrentKernel = recurrentKernel;
        Bias = bias;
    }

    /// <summary>
    /// A cell made of other cells (<see cref="StackedRnnCell"/>): no kernel of its own; it must
    /// override <see cref="Weights"/>, <see cref="ProjectionWidth"/> and <see cref="ProjectInputs(ReadOnlySpan{float}, int, Span{float})"/>.
    /// </summary>
    protected RecurrentCell(int units, int inputDim)
    {
        if (units <= 0) throw new ArgumentOutOfRangeException(nameof(units), units, "units must be positive.");
        if (inputDim <= 0) throw new ArgumentOutOfRangeException(nameof(inputDim), inputDim, "input_dim must be positive.");
        Units = units;
        InputDim = inputDim;
        Kernel = null!;
        RecurrentKernel = null!;
    }

    // True for the cells whose kernel is the dense (input_dim, width) matrix the default ProjectInputs multiplies by.
    readonly bool _denseKernel;

    /// <summary>Width of the output h (the last cell's units for a stack).</summary>
    public int Units { get; }

    public int InputDim { get; }

    /// <summary>Number of gate blocks: 1 for SimpleRNN, 4 for LSTM (i, f, c, o), 3 for GRU (z, r, h).</summary>
    public int Gates { get; }

    /// <summary>Floats per row of the projected input (<see cref="ProjectInputs(ReadOnlySpan{float}, int, Span{float})"/>).</summary>
    public virtual int ProjectionWidth => Units * Gates;

    public virtual int StateCount => 1;

    /// <summary>Width of state block <paramref name="k"/>; every block is (batch, width). <see cref="Units"/> for a single cell.</summary>
    public virtual int StateWidth(int k) => Units;

    /// <summary>
    /// The state block holding the step's output h: at a masked step Keras repeats it as the output
    /// (<c>output_tm1</c> in the numpy backend's <c>rnn</c>). 0 for a single cell, the last cell's h for a stack.
    /// </summary>
    public virtual int OutputBlock => 0;

    /// <summary>Offset of state block <paramref name="k"/> for a batch: the blocks lie one after another.</summary>
    public int StateOffset(int k, int batch)
    {
        int offset = 0;
        for (int i = 0; i < k; i++) offset += batch * StateWidth(i);
        return offset;
    }

    /// <summary>Floats of all state blocks for a batch.</summary>
    public int StateLength(int batch) => StateOffset(StateCount, batch);

    public Variable Kernel { get; }

    public Variable RecurrentKernel { get; }

    public Variable? Bias { get; }

    /// <summary>Weights in Keras's <c>get_weights()</c> order.</summary>
    public virtual IReadOnlyList<Variable> Weights => Bias is null ? [Kernel, RecurrentKernel] : [Kernel, RecurrentKernel, Bias];

    /// <summary>The part of the bias added to <c>x·kernel</c>; GRU with reset_after keeps a second, recurrent row.</summary>
    protected virtual ReadOnlySpan<float> InputBias => Bias is null ? default : Bias.Data.AsSpan(0, ProjectionWidth);

    /// <summary>Floats of scratch space <see cref="Step"/> needs for a batch.</summary>
    public virtual int WorkspaceLength(int batch) => batch * ProjectionWidth;

    /// <summary><paramref name="floats"/> rounded up to a whole number of 64-byte lines: where a cell puts
    /// its packed kernel in the (64-byte aligned) workspace, so that the kernel's vector loads never
    /// straddle two lines.</summary>
    protected static int AlignUp(int floats) => (floats + 15) & ~15;

    /// <summary>Floats of the recurrent kernel packed for <see cref="Gemm.MatMulAddPacked"/> (0 when the CPU has no use for it).</summary>
    protected int PackedRecurrentLength => Gemm.PackedLength(Units, ProjectionWidth);

    /// <summary>
    /// Called once per sequence, before the first <see cref="Step"/>, with the workspace every step
    /// will get: a place to prepare what does not change between steps (the packed recurrent kernel).
    /// </summary>
    public virtual void BeginSequence(Span<float> workspace, int batch) { }

    /// <summary><c>projection[rows×width] = x[rows×input_dim] · kernel + input bias</c>.</summary>
    public virtual void ProjectInputs(ReadOnlySpan<float> x, int rows, Span<float> projection) =>
        Gemm.MatMulBias(x, rows, InputDim, Kernel.Data, ProjectionWidth, InputBias, projection);

    /// <summary>Floats <see cref="PackInputKernel"/> writes: the kernel's 32-column panels
    /// (<see cref="Gemm.PackB"/>), 0 for a cell that projects otherwise or a CPU without the wide kernel.</summary>
    public virtual int InputPackLength => _denseKernel ? Gemm.PackedLength(InputDim, ProjectionWidth) : 0;

    /// <summary>Packs the kernel once per sequence for <see cref="ProjectInputs(ReadOnlySpan{float}, int, Span{float}, ReadOnlySpan{float})"/>,
    /// which the loop calls for many row blocks (chunks of timesteps, split over threads).</summary>
    public virtual void PackInputKernel(Span<float> packed)
    {
        if (InputPackLength > 0) Gemm.PackB(Kernel.Data, InputDim, ProjectionWidth, ProjectionWidth, packed.Slice(0, InputPackLength));
    }

    /// <summary><see cref="ProjectInputs(ReadOnlySpan{float}, int, Span{float})"/> reading the kernel
    /// packed by <see cref="PackInputKernel"/> (<paramref name="packedKernel"/> of
    /// <see cref="InputPackLength"/> floats). Same result, bit for bit.</summary>
    public virtual void ProjectInputs(ReadOnlySpan<float> x, int rows, Span<float> projection, ReadOnlySpan<float> packedKernel)
    {
        if (InputPackLength == 0 || packedKernel.IsEmpty) ProjectInputs(x, rows, projection);
        else Gemm.MatMulBiasPacked(x, rows, InputDim, packedKernel.Slice(0, InputPackLength), Kernel.Data, ProjectionWidth, InputBias, projection);
    }

    /// <summary>
    /// Computes the new states from the projected input of this step and the previous states.
    /// Must not allocate: it runs once per timestep.
    /// </summary>
    public abstract void Step(ReadOnlySpan<float> projectedInput, ReadOnlySpan<float> state, Span<float> newState, Span<float> workspace, int batch);

    /// <summary>True when <see cref="ReadGates"/> can read a step's gates (SimpleRNN, LSTM, GRU).</summary>
    public virtual bool HasGateTrace => false;

    /// <summary>
    /// Diagnosis only (<c>rnnparity diff</c>'s gate traces): right after a <see cref="Step"/>, copies
    /// that step's activated gates, (batch, <see cref="ProjectionWidth"/>) with the gate blocks in
    /// Keras's order (LSTM i, f, c = act(z_c), o; GRU z, r, h = the candidate ĥ; SimpleRNN h), from
    /// the workspace the step used and the states it wrote. Kept next to <see cref="Step"/> because
    /// it depends on the workspace layout the step leaves.
    /// </summary>
    public virtual void ReadGates(ReadOnlySpan<float> workspace, ReadOnlySpan<float> newState, int batch, Span<float> gates) =>
        throw new NotSupportedException($"{GetType().Name} has no gate trace.");

    /// <summary>True when batch rows never meet, from the first step to the last (true of every Keras cell; a
    /// cell made elsewhere opts in): the loop may then run ranges of rows as batches of their own on different
    /// threads. Each row must then get the same kernel calls whatever the batch size, so that the split never
    /// changes a bit of the result.</summary>
    public virtual bool SplitsRows => false;
}
