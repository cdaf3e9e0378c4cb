using Python.Runtime;
using RnnParity.Core.Tensors;
using RnnParity.Python;

namespace RnnParity.Tests.Python;

[Category(PythonEnvironment.LiveNumPy)]
public sealed class PythonRuntimeTests
{
    [Test]
    public void Ensure_IsIdempotentForTheSameInterpreter()
    {
        var first = PythonEnvironment.RequireNumpy();
        var second = PythonRuntime.Ensure(PythonEnvironment.RequireLocation().Chosen);
        Assert.That(second, Is.SameAs(first));
        Assert.That(PythonRuntime.Current, Is.SameAs(first));
    }

    [Test]
    public void Ensure_RefusesToSwitchInterpreters()
    {
        var runtime = PythonEnvironment.RequireNumpy();
        var other = runtime.Chosen with { Executable = "/opt/other/bin/python3" };
        var e = Assert.Throws<InvalidOperationException>(() => PythonRuntime.Ensure(other));
        Assert.That(e.Message, Does.Contain("cannot switch").And.Contain("/opt/other/bin/python3"));
    }

    [Test]
    public void EmbeddedInterpreter_IsTheChosenOne()
    {
        var runtime = PythonEnvironment.RequireNumpy();
        string executable = runtime.Run(() =>
        {
            using var sys = Py.Import("sys");
            using var numpy = Py.Import("numpy");
            using var version = numpy.GetAttr("__version__");
            Assert.That(version.As<string>(), Is.EqualTo(runtime.Chosen.Modules["numpy"]));
            return sys.GetAttr("executable").As<string>();
        });
        Assert.That(executable, Is.EqualTo(runtime.Chosen.Executable));
    }

    [Test]
    public void ScriptsDirectory_IsCopiedAndOnSysPath()
    {
        var runtime = PythonEnvironment.RequireNumpy();
        Assert.That(File.Exists(Path.Combine(PythonScripts.Directory, "bridge_selftest.py")), Is.True, PythonScripts.Directory);
        bool onPath = runtime.Run(() =>
        {
            using var sys = Py.Import("sys");
            using var path = sys.GetAttr("path");
            using var entry = new PyString(PythonScripts.Directory);
            return path.InvokeMethod("count", entry).As<int>() == 1;
        });
        Assert.That(onPath, Is.True);
    }

    [Test]
    public void ManyThreads_UsePythonConcurrently_WithoutDeadlock()
    {
        PythonEnvironment.RequireNumpy();
        var results = new double[32];
        var roundTripped = new bool[32];
        var work = Task.Run(() => Parallel.For(0, 32, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var tensor = new Tensor(16, 16);
            tensor.Span.Fill(i);
            using (Py.GIL())
            {
                using var array = NumpyArrays.ToNumpy(tensor);
                using var total = PythonCall.Invoke("bridge_selftest", "total", array);
                results[i] = total.InvokeMethod("item").As<double>();
                roundTripped[i] = NumpyArrays.ToTensor(array).Data.SequenceEqual(tensor.Data);
            }
        }));
        bool finished = work.Wait(TimeSpan.FromSeconds(60));
        Assert.That(finished, Is.True, "32 parallel GIL users did not finish within 60 s: deadlock?");
        // Asserted here, on the test thread, not inside the workers.
        for (int i = 0; i < 32; i++)
        {
            Assert.That(results[i], Is.EqualTo(256.0 * i), $"iteration {i}: sum");
            Assert.That(roundTripped[i], Is.True, $"iteration {i}: round trip");
        }
    }
}
