using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RnnParity.Core.Math;

/// <summary>Row-major matrix products on spans, the only BLAS-like kernel the layers need.</summary>
/// <remarks>
/// Every element of <c>c</c> is accumulated in the same order as the textbook loop:
/// <c>c[i,j] = fma(a[i,k-1], b[k-1,j], … fma(a[i,0], b[0,j], c[i,j]))</c>, one fused multiply-add
/// per term, p ascending. Only the blocking changes with the shape, never the arithmetic, so the
/// result does not depend on which path ran (vector tile or scalar tail).
/// <para>Why blocked: the recurrent product of one step is (batch × units)·(units × gates·units),
/// small enough that the old "one TensorPrimitives call per (row, p)" loop spent its time in call
/// overhead and in loading and storing the output row k times. Here a 4-row × 16- or 32-column
/// tile (8 rows with AVX-512) of <c>c</c> stays in registers for the whole k loop; each step loads one row slice of
/// <c>b</c> and broadcasts four values of <c>a</c>.</para>
/// </remarks>
public static class Gemm
{
    /// <summary>Rows of <c>c</c> per register tile of the 256-bit kernel (16 registers).</summary>
    const int MR = 4;

    /// <summary>Rows of <c>a</c> per cache block: 64 rows of up to a few hundred floats stay in L1/L2
    /// while every column panel of <c>b</c> passes over them (matters for the all-timesteps input projection).</summary>
    const int MC = 64;

    /// <summary>
    /// <c>c[m×n] += a[m×k] · b[k×n]</c>, all dense row-major.
    /// </summary>
    public static void MatMulAdd(ReadOnlySpan<float> a, int m, int k, ReadOnlySpan<float> b, int n, Span<float> c) =>
        MatMulAdd(a, m, k, k, b, n, n, c, n);

    /// <summary>
    /// <c>c[m×n] += a[m×k] · b[k×n]</c> with leading dimensions (row strides) <paramref name="lda"/>,
    /// <paramref name="ldb"/>, <paramref name="ldc"/>, so that column blocks of a wider matrix
    /// (one gate block of a kernel) can be used in place.
    /// </summary>
    public static unsafe void MatMulAdd(ReadOnlySpan<float> a, int m, int k, int lda, ReadOnlySpan<float> b, int n, int ldb, Span<float> c, int ldc)
    {
        if (m < 0 || k < 0 || n < 0) throw new ArgumentOutOfRangeException(nameof(m), $"negative size {m}×{k}×{n}.");
        if (lda < k || ldb < n || ldc < n) throw new ArgumentException($"leading dimensions lda {lda}, ldb {ldb}, ldc {ldc} too small for {m}×{k}×{n}.");
        if (m == 0 || n == 0) return;
        if (a.Length < Needed(m, k, lda)) throw new ArgumentException($"a has {a.Length} elements, needs {m}×{k} (lda {lda}).", nameof(a));
        if (b.Length < Needed(k, n, ldb)) throw new ArgumentException($"b has {b.Length} elements, needs {k}×{n} (ldb {ldb}).", nameof(b));
        if (c.Length < Needed(m, n, ldc)) throw new ArgumentException($"c has {c.Length} elements, needs {m}×{n} (ldc {ldc}).", nameof(c));
        if (k == 0) return;

        fixed (float* pa = a, pb = b, pc = c) Blocked(pa, m, k, lda, pb, n, ldb, pc, ldc, null);
    }

    /// <summary>Floats <see cref="PackB"/> writes for a k×n matrix: its whole 32-column panels (none
    /// without AVX-512, where the 32-column kernel does not run).</summary>
    public static int PackedLength(int k, int n) => Avx512F.IsSupported ? k * (n / 32 * 32) : 0;

    /// <summary>
    /// Copies the 32-column panels of <c>b[k×n]</c> (row stride <paramref name="ldb"/>) so that each
    /// panel is k contiguous rows of 32 floats. Why: a recurrent kernel's rows are ldb floats apart;
    /// for LSTM(256) that is 4 KB, so every line of a column panel falls in the same L1 set and the
    /// panel is evicted between the row tiles that reuse it. Packed, a panel is one sequential
    /// 128·k-byte block. Pack once per sequence: the kernel does not change between steps.
    /// </summary>
    public static void PackB(ReadOnlySpan<float> b, int k, int n, int ldb, Span<float> packed)
    {
        int panels = PackedLength(k, n) / System.Math.Max(1, k) / 32;
        for (int q = 0; q < panels; q++)
            for (int p = 0; p < k; p++)
                b.Slice(p * ldb + q * 32, 32).CopyTo(packed.Slice((q * k + p) * 32, 32));
    }

    /// <summary><see cref="MatMulAdd(ReadOnlySpan{float}, int, int, int, ReadOnlySpan{float}, int, int, Span{float}, int)"/>
    /// reading the 32-column panels from <paramref name="packed"/> (<see cref="PackB"/> of the same b)
    /// and the remaining columns from b. Same arithmetic, same result.</summary>
    public static unsafe void MatMulAddPacked(ReadOnlySpan<float> a, int m, int k, int lda, ReadOnlySpan<float> packed,
        ReadOnlySpan<float> b, int n, int ldb, Span<float> c, int ldc)
    {
        if (packed.Length < PackedLength(k, n)) throw new ArgumentException($"packed has {packed.Length} elements, needs {PackedLength(k, n)}.", nameof(packed));
        if (m <= 0 || n <= 0 || k <= 0 || packed.IsEmpty) { MatMulAdd(a, m, k, lda, b, n, ldb, c, ldc); return; }
        if (lda < k || ldb < n || ldc < n) throw new ArgumentException($"leading dimensions lda {lda}, ldb {ldb}, ldc {ldc} too small for {m}×{k}×{n}.");
        if (a.Length < Needed(m, k, lda)) throw new ArgumentException($"a has {a.Length} elements, needs {m}×{k} (lda {lda}).", nameof(a));
        if (b.Length < Needed(k, n, ldb)) throw new ArgumentException($"b has {b.Length} elements, needs {k}×{n} (ldb {ldb}).", nameof(b));
        if (c.Length < Needed(m, n, ldc)) throw new ArgumentException($"c has {c.Length} elements, needs {m}×{n} (ldc {ldc}).", nameof(c));
        fixed (float* pa = a, pb = b, pc = c, pp = packed) Blocked(pa, m, k, lda, pb, n, ldb, pc, ldc, pp);
    }

    static unsafe void Blocked(float* pa, int m, int k, int lda, float* pb, int n, int ldb, float* pc, int ldc, float* packed, float* init = null)
    {
        // Column blocks of b small enough (about 1 MB) to stay in L2 while every row block of a passes
        // over them: for the all-timesteps input projection (12,800 rows) b is read from L2, not L3,
        // by each row block. Blocking never changes an element's sum: each is still one tile's k loop.
        int nc = System.Math.Max(32, L2Floats / System.Math.Max(1, k) / 32 * 32);
        for (int jc = 0; jc < n; jc += nc)
        {
            int ncEnd = System.Math.Min(n, jc + nc);
            for (int i0 = 0; i0 < m; i0 += MC)
            {
                int mc = System.Math.Min(MC, m - i0);
                float* ab = pa + (long)i0 * lda, cb = pc + (long)i0 * ldc;
                int j = jc;
                if (Avx512F.IsSupported)
                    for (; j + 32 <= ncEnd; j += 32)
                    {
                        if (packed is null) Panel32(ab, lda, pb + j, ldb, cb + j, ldc, mc, k, Offset(init, j));
                        else Panel32(ab, lda, packed + (long)j * k, 32, cb + j, ldc, mc, k, Offset(init, j)); // panel j/32 starts at (j/32)·k·32
                    }
                if (Fma.IsSupported)
                    for (; j + 16 <= ncEnd; j += 16) Panel16(ab, lda, pb + j, ldb, cb + j, ldc, mc, k, Offset(init, j));
                if (j < ncEnd) PanelScalar(ab, lda, pb + j, ldb, cb + j, ldc, mc, k, ncEnd - j, Offset(init, j));
            }
        }
    }

    static unsafe float* Offset(float* init, int j) => init is null ? null : init + j;

    /// <summary>Floats of b per column block (1 MB: half of this machine's 2 MB L2 per core).</summary>
    const int L2Floats = 1 << 18;

    static long Needed(int rows, int cols, int ld) => rows == 0 || cols == 0 ? 0 : (long)(rows - 1) * ld + cols;

    /// <summary><c>c[m×n] = a[m×k] · b[k×n] + bias[n]</c> (bias broadcast over rows; none when empty).</summary>
    /// <remarks>Each element is <c>fma(a[i,k-1], b[k-1,j], … fma(a[i,0], b[0,j], bias[j]))</c> (from 0
    /// without bias), whatever the shape. With a bias the tiles start from it in registers instead
    /// of filling c first and reading it back (for the input projection of a long sequence, c is
    /// 100 MB); from <see cref="PackThreshold"/> rows, b's 32-column panels are packed once per call.</remarks>
    public static void MatMulBias(ReadOnlySpan<float> a, int m, int k, ReadOnlySpan<float> b, int n, ReadOnlySpan<float> bias, Span<float> c)
    {
        Span<float> target = c.Slice(0, m * n);
        if (bias.IsEmpty || k == 0 || m == 0 || n == 0)
        {
            if (bias.IsEmpty) target.Clear();
            else for (int i = 0; i < m; i++) bias.Slice(0, n).CopyTo(target.Slice(i * n, n));
            MatMulAdd(a, m, k, b, n, target);
            return;
        }
        if (bias.Length < n) throw new ArgumentException($"bias has {bias.Length} elements, needs {n}.", nameof(bias));
        if (a.Length < (long)m * k) throw new ArgumentException($"a has {a.Length} elements, needs {m}×{k}.", nameof(a));
        if (b.Length < (long)k * n) throw new ArgumentException($"b has {b.Length} elements, needs {k}×{n}.", nameof(b));
        int packedLength = m >= PackThreshold ? PackedLength(k, n) : 0;
        var packed = packedLength > 0 ? Recurrent.AlignedBuffer.Rent(packedLength) : default;
        try
        {
            if (packedLength > 0) PackB(b, k, n, n, packed.Span);
            MatMulBiasPacked(a, m, k, packedLength > 0 ? packed.Span : default, b, n, bias, target);
        }
        finally
        {
            packed.Return();
        }
    }

    /// <summary><see cref="MatMulBias"/> with b's 32-column panels already packed (<see cref="PackB"/>
    /// of the same b, or empty for none): for callers that multiply many row blocks by one b
    /// (the input projection of a sequence, chunk by chunk and thread by thread). Same result.</summary>
    public static unsafe void MatMulBiasPacked(ReadOnlySpan<float> a, int m, int k, ReadOnlySpan<float> packed, ReadOnlySpan<float> b, int n,
        ReadOnlySpan<float> bias, Span<float> c)
    {
        if (bias.IsEmpty || k == 0 || m == 0 || n == 0) { MatMulBias(a, m, k, b, n, bias, c); return; }
        if (!packed.IsEmpty && packed.Length < PackedLength(k, n)) throw new ArgumentException($"packed has {packed.Length} elements, needs {PackedLength(k, n)}.", nameof(packed));
        if (bias.Length < n) throw new ArgumentException($"bias has {bias.Length} elements, needs {n}.", nameof(bias));
        if (a.Length < (long)m * k) throw new ArgumentException($"a has {a.Length} elements, needs {m}×{k}.", nameof(a));
        if (b.Length < (long)k * n) throw new ArgumentException($"b has {b.Length} elements, needs {k}×{n}.", nameof(b));
        if (c.Length < (long)m * n) throw new ArgumentException($"c has {c.Length} elements, needs {m}×{n}.", nameof(c));
        fixed (float* pa = a, pb = b, pc = c, pbias = bias, pp = packed)
            Blocked(pa, m, k, k, pb, n, n, pc, n, packed.IsEmpty ? null : pp, pbias);
    }

    /// <summary>Rows of a from which <see cref="MatMulBias"/> packs b: packing copies k·n floats once,
    /// a product does m·k·n multiply-adds, so from a few dozen rows the copy is noise.</summary>
    public const int PackThreshold = 64;

    // ---- kernels: c[rows × width] += a[rows × k] · b[k × width], b and c offset to the panel;
    // with init (a bias row offset to the panel), c[rows × width] = init + a·b instead: c is not read ----

    /// <summary>32 columns (two 512-bit vectors), 8 rows at a time, then single rows.</summary>
    /// <remarks>8 rows × 2 vectors = 16 accumulators of AVX-512's 32 registers: each 128-byte row slice
    /// of <c>b</c> loaded feeds 16 FMAs. With 4 rows, an LSTM(256) (ldb = 1024 floats, a 4 KB stride
    /// whose lines all fall in one L1 set) re-read its panel of <c>b</c> from L2 twice as often.</remarks>
    static unsafe void Panel32(float* a, int lda, float* b, int ldb, float* c, int ldc, int rows, int k, float* init)
    {
        int i = 0;
        for (; i + 8 <= rows; i += 8)
        {
            float* a0 = a + (long)i * lda;
            float* c0 = c + (long)i * ldc;
            Vector512<float> c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
            if (init is null)
            {
                c00 = Vector512.Load(c0); c01 = Vector512.Load(c0 + 16);
                c10 = Vector512.Load(c0 + ldc); c11 = Vector512.Load(c0 + ldc + 16);
                c20 = Vector512.Load(c0 + 2 * ldc); c21 = Vector512.Load(c0 + 2 * ldc + 16);
                c30 = Vector512.Load(c0 + 3 * ldc); c31 = Vector512.Load(c0 + 3 * ldc + 16);
                c40 = Vector512.Load(c0 + 4 * ldc); c41 = Vector512.Load(c0 + 4 * ldc + 16);
                c50 = Vector512.Load(c0 + 5 * ldc); c51 = Vector512.Load(c0 + 5 * ldc + 16);
                c60 = Vector512.Load(c0 + 6 * ldc); c61 = Vector512.Load(c0 + 6 * ldc + 16);
                c70 = Vector512.Load(c0 + 7 * ldc); c71 = Vector512.Load(c0 + 7 * ldc + 16);
            }
            else
            {
                // c = bias + a·b: every row starts from the bias, as if c had been filled with it.
                c00 = c10 = c20 = c30 = c40 = c50 = c60 = c70 = Vector512.Load(init);
                c01 = c11 = c21 = c31 = c41 = c51 = c61 = c71 = Vector512.Load(init + 16);
            }
            float* bp = b;
            for (int p = 0; p < k; p++, bp += ldb)
            {
                Vector512<float> b0 = Vector512.Load(bp), b1 = Vector512.Load(bp + 16);
                float* ap = a0 + p;
                Vector512<float> x = Vector512.Create(ap[0]);
                c00 = Avx512F.FusedMultiplyAdd(b0, x, c00); c01 = Avx512F.FusedMultiplyAdd(b1, x, c01);
                x = Vector512.Create(ap[lda]);
                c10 = Avx512F.FusedMultiplyAdd(b0, x, c10); c11 = Avx512F.FusedMultiplyAdd(b1, x, c11);
                x = Vector512.Create(ap[2 * lda]);
                c20 = Avx512F.FusedMultiplyAdd(b0, x, c20); c21 = Avx512F.FusedMultiplyAdd(b1, x, c21);
                x = Vector512.Create(ap[3 * lda]);
                c30 = Avx512F.FusedMultiplyAdd(b0, x, c30); c31 = Avx512F.FusedMultiplyAdd(b1, x, c31);
                x = Vector512.Create(ap[4 * lda]);
                c40 = Avx512F.FusedMultiplyAdd(b0, x, c40); c41 = Avx512F.FusedMultiplyAdd(b1, x, c41);
                x = Vector512.Create(ap[5 * lda]);
                c50 = Avx512F.FusedMultiplyAdd(b0, x, c50); c51 = Avx512F.FusedMultiplyAdd(b1, x, c51);
                x = Vector512.Create(ap[6 * lda]);
                c60 = Avx512F.FusedMultiplyAdd(b0, x, c60); c61 = Avx512F.FusedMultiplyAdd(b1, x, c61);
                x = Vector512.Create(ap[7 * lda]);
                c70 = Avx512F.FusedMultiplyAdd(b0, x, c70); c71 = Avx512F.FusedMultiplyAdd(b1, x, c71);
            }
            c00.Store(c0); c01.Store(c0 + 16);
            c10.Store(c0 + ldc); c11.Store(c0 + ldc + 16);
            c20.Store(c0 + 2 * ldc); c21.Store(c0 + 2 * ldc + 16);
            c30.Store(c0 + 3 * ldc); c31.Store(c0 + 3 * ldc + 16);
            c40.Store(c0 + 4 * ldc); c41.Store(c0 + 4 * ldc + 16);
            c50.Store(c0 + 5 * ldc); c51.Store(c0 + 5 * ldc + 16);
            c60.Store(c0 + 6 * ldc); c61.Store(c0 + 6 * ldc + 16);
            c70.Store(c0 + 7 * ldc); c71.Store(c0 + 7 * ldc + 16);
        }
        for (; i < rows; i++)
        {
            float* ai = a + (long)i * lda, ci = c + (long)i * ldc;
            Vector512<float> c0 = Vector512.Load(init is null ? ci : init), c1 = Vector512.Load(init is null ? ci + 16 : init + 16);
            float* bp = b;
            for (int p = 0; p < k; p++, bp += ldb)
            {
                Vector512<float> x = Vector512.Create(ai[p]);
                c0 = Avx512F.FusedMultiplyAdd(Vector512.Load(bp), x, c0);
                c1 = Avx512F.FusedMultiplyAdd(Vector512.Load(bp + 16), x, c1);
            }
            c0.Store(ci); c1.Store(ci + 16);
        }
    }

    /// <summary>16 columns (two 256-bit vectors), 4 rows at a time, then single rows (AVX2 + FMA).</summary>
    static unsafe void Panel16(float* a, int lda, float* b, int ldb, float* c, int ldc, int rows, int k, float* init)
    {
        int i = 0;
        for (; i + MR <= rows; i += MR)
        {
            float* a0 = a + (long)i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
            float* c0 = c + (long)i * ldc, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
            if (init is not null) c0 = c1 = c2 = c3 = init;
            Vector256<float> c00 = Vector256.Load(c0), c01 = Vector256.Load(c0 + 8);
            Vector256<float> c10 = Vector256.Load(c1), c11 = Vector256.Load(c1 + 8);
            Vector256<float> c20 = Vector256.Load(c2), c21 = Vector256.Load(c2 + 8);
            Vector256<float> c30 = Vector256.Load(c3), c31 = Vector256.Load(c3 + 8);
            if (init is not null) { c0 = c + (long)i * ldc; c1 = c0 + ldc; c2 = c1 + ldc; c3 = c2 + ldc; }
            float* bp = b;
            for (int p = 0; p < k; p++, bp += ldb)
            {
                Vector256<float> b0 = Vector256.Load(bp), b1 = Vector256.Load(bp + 8);
                Vector256<float> x = Vector256.Create(a0[p]);
                c00 = Fma.MultiplyAdd(b0, x, c00); c01 = Fma.MultiplyAdd(b1, x, c01);
                x = Vector256.Create(a1[p]);
                c10 = Fma.MultiplyAdd(b0, x, c10); c11 = Fma.MultiplyAdd(b1, x, c11);
                x = Vector256.Create(a2[p]);
                c20 = Fma.MultiplyAdd(b0, x, c20); c21 = Fma.MultiplyAdd(b1, x, c21);
                x = Vector256.Create(a3[p]);
                c30 = Fma.MultiplyAdd(b0, x, c30); c31 = Fma.MultiplyAdd(b1, x, c31);
            }
            c00.Store(c0); c01.Store(c0 + 8);
            c10.Store(c1); c11.Store(c1 + 8);
            c20.Store(c2); c21.Store(c2 + 8);
            c30.Store(c3); c31.Store(c3 + 8);
        }
        for (; i < rows; i++)
        {
            float* ai = a + (long)i * lda, ci = c + (long)i * ldc;
            Vector256<float> c0 = Vector256.Load(init is null ? ci : init), c1 = Vector256.Load(init is null ? ci + 8 : init + 8);
            float* bp = b;
            for (int p = 0; p < k; p++, bp += ldb)
            {
                Vector256<float> x = Vector256.Create(ai[p]);
                c0 = Fma.MultiplyAdd(Vector256.Load(bp), x, c0);
                c1 = Fma.MultiplyAdd(Vector256.Load(bp + 8), x, c1);
            }
            c0.Store(ci); c1.Store(ci + 8);
        }
    }

    /// <summary>Leftover columns (and machines without FMA): the same fused sum, one element at a time.
    /// No skip for zero coefficients: 0 · inf must stay NaN, as in BLAS.</summary>
    static unsafe void PanelScalar(float* a, int lda, float* b, int ldb, float* c, int ldc, int rows, int k, int width, float* init)
    {
        for (int i = 0; i < rows; i++)
        {
            float* ai = a + (long)i * lda, ci = c + (long)i * ldc;
            for (int j = 0; j < width; j++)
            {
                float acc = init is null ? ci[j] : init[j];
                float* bp = b + j;
                for (int p = 0; p < k; p++, bp += ldb) acc = MathF.FusedMultiplyAdd(ai[p], *bp, acc);
                ci[j] = acc;
            }
        }
    }
}
