namespace RnnParity.Core.Recurrent;

/// <summary>
/// A persistent set of worker threads that run one step's row chunks side by side; the calling
/// thread runs chunk 0. Threads are created once per process (grown on demand), never per step or
/// per call, and a step allocates nothing: the chunk body is one delegate set per sequence.
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

    /// <summary>Runs <paramref name="body"/>(0 … chunks−1), chunk 0 on the calling thread, and
    /// returns when all have finished; the first exception of a chunk is rethrown.</summary>
    public void Run(Action<int> body, int chunks)
    {
        _body = body;
        _failure = null;
        _done.Reset();
        Volatile.Write(ref _pending, chunks - 1);
        for (int i = 1; i < chunks; i++) _workers[i - 1].Start.Release();
        try { body(0); }
        finally { if (chunks > 1) _done.Wait(); }
        if (_failure is { } failure) throw new AggregateException("a recurrent step failed on a worker thread.", failure);
    }

    void Finish(int chunk)
    {
        try { _body!(chunk); }
        catch (Exception e) { Interlocked.CompareExchange(ref _failure, e, null); }
        if (Interlocked.Decrement(ref _pending) == 0) _done.Set();
    }

    sealed class Worker
    {
        public readonly SemaphoreSlim Start = new(0);

        public Worker(StepWorkers owner, int chunk)
        {
            var thread = new Thread(() => { while (true) { Start.Wait(); owner.Finish(chunk); } })
            {
                IsBackground = true,
                Name = $"RnnParity step worker {chunk}",
            };
            thread.Start();
        }
    }
}
