namespace RnnParity.Core.Recurrent;

/// <summary>
/// A persistent set of worker threads that run chunks of work (the row ranges of a sequence,
/// <see cref="SequenceSplit"/>) side by side with the calling thread. Threads are created once per
/// process (grown on demand), never per call.
/// </summary>
/// <remarks>
/// One sequence uses the workers at a time. A second caller that finds them busy runs on its own
/// thread: the row split never changes a result (<see cref="RecurrentLoop"/>), so falling back
/// to fewer threads is always correct.
/// </remarks>
internal sealed class StepWorkers
{
    static readonly object Gate = new();
    static StepWorkers? _shared;

    readonly object _owner = new();
    Worker[] _workers = [];
    Action<int>? _body;
    int _pending;
    // The step's chunk count (high 32 bits) and the next chunk to take (low 32 bits), in one word so
    // that a worker waking late from an earlier step reads both from the same step: it can never
    // take a chunk that its increment did not number in that step. 0 = nothing to take.
    long _next;
    Exception? _failure;
    readonly ManualResetEventSlim _done = new(false);

    /// <summary>The shared workers with at least <paramref name="helpers"/> threads besides the
    /// caller's, reserved for the caller until <see cref="Release"/>; null when another sequence holds them.</summary>
    public static StepWorkers? TryAcquire(int helpers)
    {
        StepWorkers workers;
        lock (Gate) workers = _shared ??= new StepWorkers();
        if (!Monitor.TryEnter(workers._owner)) return null;
        workers.Grow(helpers);
        return workers;
    }

    public void Release() => Monitor.Exit(_owner);

    void Grow(int helpers)
    {
        if (_workers.Length >= helpers) return;
        var grown = new Worker[helpers];
        _workers.CopyTo(grown, 0);
        for (int i = _workers.Length; i < helpers; i++) grown[i] = new Worker(this, i + 1);
        _workers = grown;
    }

    /// <summary>Runs <paramref name="body"/>(0 … chunks−1) with the calling thread and
    /// <paramref name="helpers"/> workers taking chunks from a shared counter, and returns when all
    /// chunks have finished; the first exception of a chunk is rethrown.</summary>
    /// <remarks>Why a counter: on a busy machine a worker may wake late; the caller then takes the
    /// chunks itself instead of waiting for it. Which thread runs a chunk never changes its result.</remarks>
    public void Run(Action<int> body, int chunks, int helpers)
    {
        _body = body;
        _failure = null;
        _done.Reset();
        Volatile.Write(ref _pending, chunks);
        // Opening the counter last publishes everything above to a worker that wakes from an earlier step.
        Volatile.Write(ref _next, (long)chunks << 32);
        for (int i = 0; i < helpers; i++) _workers[i].Start.Release();
        try { TakeChunks(); }
        finally { WaitForChunks(); }
        if (_failure is { } failure) throw new AggregateException("a recurrent sequence failed on a range of batch rows.", failure);
    }

    /// <summary>How long a thread spins for the next event before it blocks: layers of a model run one after
    /// another within microseconds, and waking a blocked thread cost 5–20 µs on this project's 2-vCPU VM;
    /// a spin this short wastes little when the other side is descheduled.</summary>
    static readonly long SpinTicks = System.Diagnostics.Stopwatch.Frequency / 20_000; // 50 µs

    static bool SpinUntil(Func<bool> condition)
    {
        long end = System.Diagnostics.Stopwatch.GetTimestamp() + SpinTicks;
        while (!condition())
        {
            if (System.Diagnostics.Stopwatch.GetTimestamp() > end) return false;
            Thread.SpinWait(16);
        }
        return true;
    }

    void WaitForChunks()
    {
        if (!SpinUntil(_allDone)) _done.Wait();
    }

    readonly Func<bool> _allDone;

    StepWorkers() => _allDone = () => Volatile.Read(ref _pending) == 0;

    void TakeChunks()
    {
        while (true)
        {
            long taken = Interlocked.Increment(ref _next) - 1;
            int chunk = (int)(taken & 0xFFFF_FFFF), chunks = (int)(taken >>> 32);
            if (chunk >= chunks) return;
            try { _body!(chunk); }
            catch (Exception e) { Interlocked.CompareExchange(ref _failure, e, null); }
            if (Interlocked.Decrement(ref _pending) == 0) _done.Set();
        }
    }

    sealed class Worker
    {
        public readonly SemaphoreSlim Start = new(0);

        public Worker(StepWorkers owner, int chunk)
        {
            Func<bool> started = () => Start.CurrentCount > 0;
            var thread = new Thread(() =>
            {
                while (true)
                {
                    // Spin first: the next step usually starts within microseconds of this one's end.
                    SpinUntil(started);
                    Start.Wait();
                    owner.TakeChunks();
                }
            })
            {
                IsBackground = true,
                Name = $"RnnParity step worker {chunk}",
            };
            thread.Start();
        }
    }
}
