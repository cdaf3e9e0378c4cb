namespace RnnParity.Core.Math;

/// <summary>
/// Where every tap of an N-d window lands in the input, for one input size: output position
/// <c>o</c> (multi-index over <see cref="OutputSize"/>) and kernel tap <c>j</c> read input position
/// <c>o·stride + j·dilation − padBefore</c> on each axis, or nothing (zero for a convolution, no
/// part in a pooling) when that falls outside the input. Built once per input size and reused.
/// </summary>
public sealed class ConvolutionGeometry
{
    readonly int[] _taps;

    /// <param name="inputSize">spatial sizes of the input (rows, cols, ...).</param>
    /// <param name="outputSize">spatial sizes of the output, as the layer's shape rule gives them.</param>
    /// <param name="kernelSize">window size per axis.</param>
    /// <param name="strides">step per axis.</param>
    /// <param name="dilation">distance between taps per axis (1 for pooling).</param>
    /// <param name="padBefore">positions before the first input position per axis ('same': ⌊total/2⌋).</param>
    public ConvolutionGeometry(int[] inputSize, int[] outputSize, int[] kernelSize, int[] strides, int[] dilation, int[] padBefore)
    {
        int rank = inputSize.Length;
        if (outputSize.Length != rank || kernelSize.Length != rank || strides.Length != rank || dilation.Length != rank || padBefore.Length != rank)
            throw new ArgumentException($"every size needs {rank} values (one per spatial axis).");
        InputSize = (int[])inputSize.Clone();
        OutputSize = (int[])outputSize.Clone();
        KernelSize = (int[])kernelSize.Clone();
        InputCount = Product(inputSize);
        OutputCount = Product(outputSize);
        TapCount = Product(kernelSize);
        _taps = new int[OutputCount * TapCount];
        Span<int> o = stackalloc int[rank], j = stackalloc int[rank];
        for (int position = 0; position < OutputCount; position++)
        {
            Unravel(position, outputSize, o);
            for (int tap = 0; tap < TapCount; tap++)
            {
                Unravel(tap, kernelSize, j);
                int index = 0;
                for (int a = 0; a < rank && index >= 0; a++)
                {
                    int p = o[a] * strides[a] + j[a] * dilation[a] - padBefore[a];
                    index = p < 0 || p >= inputSize[a] ? -1 : index * inputSize[a] + p;
                }
                _taps[position * TapCount + tap] = index;
            }
        }
    }

    public int[] InputSize { get; }

    public int[] OutputSize { get; }

    public int[] KernelSize { get; }

    /// <summary>Spatial positions of the input (product of <see cref="InputSize"/>).</summary>
    public int InputCount { get; }

    /// <summary>Spatial positions of the output.</summary>
    public int OutputCount { get; }

    /// <summary>Taps of one window (product of <see cref="KernelSize"/>).</summary>
    public int TapCount { get; }

    /// <summary>The input position (row-major over <see cref="InputSize"/>) each tap of output position
    /// <paramref name="output"/> reads, −1 for padding; taps in the kernel's row-major order.</summary>
    public ReadOnlySpan<int> Taps(int output) => _taps.AsSpan(output * TapCount, TapCount);

    /// <summary>True when this geometry was built for <paramref name="inputSize"/>.</summary>
    public bool Fits(ReadOnlySpan<int> inputSize) => inputSize.SequenceEqual(InputSize);

    static int Product(int[] sizes)
    {
        int p = 1;
        foreach (int s in sizes) p = checked(p * s);
        return p;
    }

    static void Unravel(int index, int[] sizes, Span<int> multi)
    {
        for (int a = sizes.Length - 1; a >= 0; a--)
        {
            multi[a] = index % sizes[a];
            index /= sizes[a];
        }
    }
}
