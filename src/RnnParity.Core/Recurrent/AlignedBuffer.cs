using System.Buffers;

namespace RnnParity.Core.Recurrent;

/// <summary>
/// A float buffer rented from the shared pool whose usable part starts on a 64-byte boundary (one
/// cache line, one 512-bit vector). Why: the kernels load the packed weights and the tiles with
/// unaligned vector loads; where the allocator put an array decided whether every 64-byte load
/// spanned two cache lines, and so the speed of a run changed from one process to the next.
/// </summary>
/// <remarks>The offset is taken once, when the buffer is rented. Large arrays (the ones whose speed
/// matters) live on the large-object heap, which the GC does not compact by default; if a small one
/// moves, it only loses the alignment: the buffer is always used through its offset, never a pointer.</remarks>
internal readonly struct AlignedBuffer
{
    const int AlignFloats = 16;

    AlignedBuffer(float[] array, int offset, int length) => (Array, Offset, Length) = (array, offset, length);

    public float[] Array { get; }

    public int Offset { get; }

    public int Length { get; }

    public Span<float> Span => Array.AsSpan(Offset, Length);

    /// <summary>Element <paramref name="start"/> onwards, <paramref name="length"/> elements.</summary>
    public Span<float> Slice(int start, int length) => Array.AsSpan(Offset + start, length);

    public static unsafe AlignedBuffer Rent(int length)
    {
        float[] array = ArrayPool<float>.Shared.Rent(length + AlignFloats - 1);
        int offset;
        fixed (float* p = array) offset = (int)((64 - (long)p % 64) % 64) / sizeof(float);
        return new AlignedBuffer(array, offset, length);
    }

    public void Return()
    {
        if (Array is not null) ArrayPool<float>.Shared.Return(Array);
    }
}
