using Python.Runtime;
using RnnParity.Core.Tensors;
using RnnParity.Python;

namespace RnnParity.Tests.Python;

[Category(PythonEnvironment.LiveNumPy)]
public sealed class PythonCallTests
{
    [Test]
    public void Call_PassesPositionalArguments()
    {
        PythonEnvironment.RequireNumpy();
        using (Py.GIL())
        {
            using var result = PythonCall.Invoke("bridge_selftest", "echo", 42);
            Assert.That(result.As<int>(), Is.EqualTo(42));
            using var text = PythonCall.Invoke("bridge_selftest", "echo", "héllo");
            Assert.That(text.As<string>(), Is.EqualTo("héllo"));
            using var none = PythonCall.Invoke("bridge_selftest", "echo", [null]);
            Assert.That(none.IsNone(), Is.True);
        }
    }

    [Test]
    public void Call_PassesKeywordArguments()
    {
        PythonEnvironment.RequireNumpy();
        using var module = PythonModule.Import("bridge_selftest");
        using (Py.GIL())
        {
            var input = new Tensor([2, 2], [1f, 2f, 3f, 4f]);
            using var result = module.Call("describe", [input], new Dictionary<string, object?> { ["scale"] = 2.0 });
            using var dtype = result[0];
            using var shape = result[1];
            using var scaled = result[2];
            Assert.That(dtype.As<string>(), Is.EqualTo("<f4"));
            Assert.That(shape.ToString(), Is.EqualTo("(2, 2)"));
            Assert.That(NumpyArrays.ToTensor(scaled).Data, Is.EqualTo(new[] { 2f, 4f, 6f, 8f }));
        }
    }

    [Test]
    public void PythonException_SurfacesWithTypeMessageAndTraceback()
    {
        PythonEnvironment.RequireNumpy();
        var e = Assert.Throws<PythonScriptException>(() => PythonCall.Invoke("bridge_selftest", "fail").Dispose());
        Assert.That(e.PythonType, Is.EqualTo("ValueError"));
        Assert.That(e.PythonMessage, Is.EqualTo("boom"));
        Assert.That(e.Call, Is.EqualTo("bridge_selftest.fail()"));
        Assert.That(e.PythonTraceback, Does.StartWith("Traceback (most recent call last):"));
        Assert.That(e.PythonTraceback, Does.Contain("bridge_selftest.py").And.Contain("in fail").And.Contain("raise ValueError(\"boom\")"));
        Assert.That(e.Message, Does.Contain("ValueError: boom").And.Contain("Traceback (most recent call last):").And.Contain("in fail"));
    }

    [Test]
    public void MissingModuleOrFunction_IsAScriptException()
    {
        PythonEnvironment.RequireNumpy();
        var missing = Assert.Throws<PythonScriptException>(() => PythonModule.Import("rnnparity_no_such_module").Dispose());
        Assert.That(missing.PythonType, Is.EqualTo("ModuleNotFoundError"));
        Assert.That(missing.Message, Does.Contain("rnnparity_no_such_module"));

        using var module = PythonModule.Import("bridge_selftest");
        var noFunction = Assert.Throws<PythonScriptException>(() => module.Call("no_such_function").Dispose());
        Assert.That(noFunction.PythonType, Is.EqualTo("AttributeError"));
    }
}
