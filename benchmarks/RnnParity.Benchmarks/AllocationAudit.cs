namespace RnnParity.Benchmarks;

/// <summary>
/// Shows that a forward pass allocates a fixed set of buffers, none per timestep: the bytes a call
/// allocates, minus the buffers whose size is proportional to T by design (the time-major input
/// copy and the projection of every step, RecurrentLoop.Run), must be the same for every T.
/// </summary>
public static class AllocationAudit
{
    public static void Print(TextWriter w)
    {
        w.WriteLine("Allocation audit (bytes per Call, medium shape, T varied):");
        w.WriteLine($"  {"layer",-10} {"T",5} {"allocated",12} {"T-sized buffers",16} {"rest",8}");
        foreach (string layer in new[] { "SimpleRNN", "LSTM", "GRU" })
        {
            var (b, _, f, u) = Sizes.ByName["medium"];
            var rests = new List<long>();
            foreach (int t in new[] { 10, 50, 200 })
            {
                var (l, x) = BenchLayers.Create(layer, b, t, f, u);
                l.Call(x); // warm up: JIT and static initialisation allocate once
                long before = GC.GetAllocatedBytesForCurrentThread();
                l.Call(x);
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                int width = u * (layer switch { "LSTM" => 4, "GRU" => 3, _ => 1 });
                long tSized = ArrayBytes((long)b * t * f) + ArrayBytes((long)t * b * width);
                rests.Add(allocated - tSized);
                w.WriteLine($"  {layer,-10} {t,5} {allocated,12:N0} {tSized,16:N0} {allocated - tSized,8:N0}");
            }
            w.WriteLine(rests.Distinct().Count() == 1
                ? $"  {layer}: the rest is constant in T: no per-timestep allocation."
                : $"  {layer}: WARNING the rest changes with T: something allocates per timestep.");
        }
        w.WriteLine();
    }

    // A float[] on 64-bit .NET: 16-byte header + 8-byte length, data rounded up to 8 bytes.
    static long ArrayBytes(long floats) => 24 + (floats * 4 + 7) / 8 * 8;
}
