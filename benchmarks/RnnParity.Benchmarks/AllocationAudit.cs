namespace RnnParity.Benchmarks;

/// <summary>
/// Shows that a forward pass allocates nothing per timestep: the bytes one <c>Call</c> allocates
/// (return_sequences=False, after a warm-up call) must be the same for every T. The loop's
/// T-sized scratch (time-major input copy, projection of every step) comes from the shared
/// ArrayPool, so it does not count once the pool is warm.
/// </summary>
public static class AllocationAudit
{
    public static bool Print(TextWriter w)
    {
        w.WriteLine("Allocation audit (bytes allocated by one Call, medium shape, T varied):");
        bool ok = true;
        foreach (string layer in new[] { "SimpleRNN", "LSTM", "GRU" })
        {
            var (b, _, f, u) = Sizes.ByName["medium"];
            var bytes = new List<long>();
            foreach (int t in new[] { 10, 50, 200 })
            {
                var (l, x) = BenchLayers.Create(layer, b, t, f, u);
                l.Call(x); // warm up: JIT, static initialisation and the array pool allocate once
                long before = GC.GetAllocatedBytesForCurrentThread();
                l.Call(x);
                bytes.Add(GC.GetAllocatedBytesForCurrentThread() - before);
            }
            bool constant = bytes.Distinct().Count() == 1;
            ok &= constant;
            w.WriteLine($"  {layer,-10} T=10: {bytes[0]:N0}  T=50: {bytes[1]:N0}  T=200: {bytes[2]:N0}  "
                + (constant ? "constant in T: no per-timestep allocation" : "WARNING: grows with T"));
        }
        w.WriteLine();
        return ok;
    }
}
