using RnnParity.Fixtures.Format;

namespace RnnParity.Fuzz;

/// <summary>What one input did: accepted, or refused with the expected exception's message.</summary>
public readonly record struct Outcome(bool Accepted, string? Message)
{
    public static Outcome Accept() => new(true, null);
    public static Outcome Reject(string message) => new(false, message);
}

/// <summary>A broken invariant or budget: a finding even though no reader exception escaped.</summary>
public sealed class FuzzFindingException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// One fuzz target. <see cref="Check"/> returns for an accepted input or one refused with the
/// expected exception, and throws for anything else (an unexpected exception passes through as is,
/// a broken invariant or an allocation over budget as <see cref="FuzzFindingException"/>).
/// </summary>
public abstract class FuzzTarget
{
    public static IReadOnlyList<string> Names { get; } = ["npy", "case-json", "keras-zip", "hdf5"];

    public static FuzzTarget? Find(string name) => name switch
    {
        "npy" => new NpyTarget(),
        "case-json" => new CaseJsonTarget(),
        "keras-zip" => new KerasZipTarget(),
        "hdf5" => new Hdf5Target(),
        _ => null,
    };

    public abstract string Name { get; }

    /// <summary>Bytes the target may allocate for an input of <paramref name="length"/> bytes.</summary>
    protected abstract long AllocationBudget(int length);

    protected abstract Outcome Execute(byte[] input);

    public Outcome Check(byte[] input)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        Outcome outcome;
        try
        {
            outcome = Execute(input);
        }
        catch (Exception e)
        {
            CheckBudget(before, input.Length, e);
            throw;
        }
        CheckBudget(before, input.Length, null);
        return outcome;
    }

    void CheckBudget(long before, int length, Exception? inner)
    {
        long used = GC.GetAllocatedBytesForCurrentThread() - before;
        long budget = AllocationBudget(length);
        if (used > budget)
            throw new FuzzFindingException($"{Name}: allocated {used} bytes for a {length}-byte input, above the budget of {budget}", inner);
    }
}

/// <summary>
/// The bytes are a .npy file. Only <see cref="NpyFormatException"/> is expected. Invariants:
/// the seekable and the non-seekable read agree (same refusal field and detail, or the same array),
/// ReadHeader refuses exactly what Read refuses and otherwise reports the same shape and dtype, and
/// an accepted array (other than int64, which double cannot hold beyond 2^53) survives a NpyWriter
/// round trip bit for bit.
/// </summary>
public sealed class NpyTarget : FuzzTarget
{
    const string FileName = "fuzz.npy";

    public override string Name => "npy";

    // Three reads of the input (each: the header text, the parsed literal, a double per element,
    // the Fortran reorder copy, an 80 KiB copy buffer on the non-seekable path) and a round trip.
    protected override long AllocationBudget(int length) => 1L * 1024 * 1024 + 64L * length;

    protected override Outcome Execute(byte[] input)
    {
        NpyArray? seekable = null, streamed = null;
        NpyHeader? header = null;
        NpyFormatException? e1 = null, e2 = null, e3 = null;
        try { seekable = NpyReader.Read(new MemoryStream(input, writable: false), FileName); }
        catch (NpyFormatException e) { e1 = e; }
        try { streamed = NpyReader.Read(new NonSeekableStream(input), FileName); }
        catch (NpyFormatException e) { e2 = e; }
        try { header = NpyReader.ReadHeader(new MemoryStream(input, writable: false), FileName); }
        catch (NpyFormatException e) { e3 = e; }

        if (e1 is not null)
        {
            if (e2 is null) throw new FuzzFindingException($"the seekable read refused ({e1.Message}) but the non-seekable read accepted");
            if (e2.Field != e1.Field || e2.Detail != e1.Detail)
                throw new FuzzFindingException($"seekable and non-seekable reads refuse differently: '{e1.Message}' vs '{e2.Message}'");
            if (e3 is null) throw new FuzzFindingException($"Read refused ({e1.Message}) but ReadHeader accepted");
            if (e1.File != FileName) throw new FuzzFindingException($"the refusal names file '{e1.File}', not '{FileName}'");
            return Outcome.Reject(e1.Message);
        }
        if (e2 is not null) throw new FuzzFindingException($"the seekable read accepted but the non-seekable read refused: {e2.Message}");
        if (e3 is not null) throw new FuzzFindingException($"Read accepted but ReadHeader refused: {e3.Message}");

        NpyArray a = seekable!;
        Same("non-seekable read", a, streamed!);
        if (!a.Shape.SequenceEqual(header!.Shape) || a.DType != header.DType || header.ElementCount != a.Length)
            throw new FuzzFindingException("ReadHeader reports another shape, dtype or element count than Read");

        if (a.DType != NpyDType.Int64)
        {
            byte[] again = NpyWriter.ToBytes(a);
            Same("NpyWriter round trip", a, NpyReader.Read(new MemoryStream(again, writable: false), FileName));
        }
        return Outcome.Accept();
    }

    static void Same(string what, NpyArray a, NpyArray b)
    {
        if (!a.Shape.SequenceEqual(b.Shape) || a.DType != b.DType || a.Length != b.Length)
            throw new FuzzFindingException($"{what}: shape or dtype differs");
        for (int i = 0; i < a.Length; i++)
            if (BitConverter.DoubleToInt64Bits(a.Data[i]) != BitConverter.DoubleToInt64Bits(b.Data[i]))
                throw new FuzzFindingException($"{what}: element {i} differs ({a.Data[i]:R} vs {b.Data[i]:R})");
    }

    /// <summary>A stream that cannot seek and hands out at most 1000 bytes a read, like a pipe.</summary>
    sealed class NonSeekableStream(byte[] data) : Stream
    {
        int _pos;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n = Math.Min(Math.Min(buffer.Length, 1000), data.Length - _pos);
            data.AsSpan(_pos, n).CopyTo(buffer);
            _pos += n;
            return n;
        }
    }
}

/// <summary>
/// The bytes are case.json in a case directory that holds the committed case
/// simple_rnn_relu_nobias's other files (model.json, summary.txt, w00.npy, w01.npy, run0_in0.npy,
/// run0_out0.npy). Only <see cref="FixtureException"/> is expected. Invariant: once Load accepts,
/// the model JSON, the summary and every array it names load without error.
/// </summary>
public sealed class CaseJsonTarget : FuzzTarget
{
    const string CaseName = "simple_rnn_relu_nobias";

    readonly string _dir;

    public CaseJsonTarget()
    {
        string source = Path.Combine(AppContext.BaseDirectory, "reference-case", CaseName);
        if (!Directory.Exists(source)) throw new InvalidOperationException($"the reference case is missing: {source}");
        string root = Environment.GetEnvironmentVariable("RNNPARITY_FUZZ_TMP") is { Length: > 0 } t ? t : Path.GetTempPath();
        _dir = Path.Combine(root, $"rnnparity-fuzz-{Environment.ProcessId}", CaseName);
        Directory.CreateDirectory(_dir);
        foreach (string f in Directory.GetFiles(source)) File.Copy(f, Path.Combine(_dir, Path.GetFileName(f)), overwrite: true);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(Path.GetDirectoryName(_dir)!, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
    }

    public override string Name => "case-json";

    // JsonDocument's buffers, one header read (4 KiB FileStream buffer and the header) per file
    // reference, then the arrays and model.json of the (fixed, small) reference case.
    protected override long AllocationBudget(int length) => 8L * 1024 * 1024 + 64L * length;

    protected override Outcome Execute(byte[] input)
    {
        File.WriteAllBytes(Path.Combine(_dir, CaseReader.CaseFileName), input);
        FixtureCase fc;
        try
        {
            fc = CaseReader.Load(_dir);
        }
        catch (FixtureException e)
        {
            if (e.CaseName != CaseName) throw new FuzzFindingException($"the refusal names case '{e.CaseName}', not '{CaseName}'", e);
            return Outcome.Reject(e.Message);
        }

        try
        {
            using (CaseReader.LoadModelJson(fc)) { }
            CaseReader.LoadSummary(fc);
            foreach (FixtureWeight w in fc.Weights) CaseReader.LoadArray(fc, w.File, w.JsonPath!);
            foreach (FixtureRun r in fc.Runs)
                foreach (FixtureTensorRef t in r.Inputs.Concat(r.Outputs)) CaseReader.LoadArray(fc, t.File, t.JsonPath!);
        }
        catch (FixtureException e)
        {
            throw new FuzzFindingException($"Load accepted the case but a file it names does not load: {e.Message}", e);
        }
        return Outcome.Accept();
    }
}
