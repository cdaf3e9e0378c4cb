using Python.Runtime;
using RnnParity.Core.Tensors;
using RnnParity.Fixtures.Format;
using RnnParity.Layers.Interop;
using RnnParity.Layers.Models;
using RnnParity.Layers.Recurrent;
using RnnParity.Python;
using RnnParity.Python.Parity;
using RnnParity.Tests.Python;

namespace RnnParity.Tests.Python.Parity;

/// <summary>
/// The tutorial's own NumPy loop (python/tutorial_rnn.py) against the C# SimpleRNN on the same
/// seeded arrays, and proof that the check catches the notes' <c>hidden_statet_t</c> typo.
/// </summary>
[TestFixture, Category(PythonEnvironment.LiveNumPy)]
public sealed class TutorialParityTests
{
    const double Tolerance = 1e-5;

    [Test]
    public void CSharp_matches_the_fixed_tutorial_loop()
    {
        var (csharp, loop) = Run(asPrinted: false);

        var cmp = ArrayComparison.Compare(loop.Data, loop.Shape, csharp.Data, csharp.Shape, Tolerance, Tolerance);
        Assert.That(csharp.Shape, Is.EqualTo(new[] { 10, 8 }), "the tutorial's (timesteps, output_dim)");
        Assert.That(cmp.Passed, Is.True, cmp.Describe());
    }

    [Test]
    public void The_notes_typo_is_caught()
    {
        var (csharp, loop) = Run(asPrinted: true);

        var cmp = ArrayComparison.Compare(loop.Data, loop.Shape, csharp.Data, csharp.Shape, Tolerance, Tolerance);
        Assert.That(cmp.Passed, Is.False, "with hidden_statet_t the state is never carried, so step 2 onwards differ");
        Assert.That(cmp.FirstMismatches[0].Index[0], Is.EqualTo(1), "step 0 agrees; the first step that needs the carried state differs");
    }

    static (Tensor CSharp, Tensor Loop) Run(bool asPrinted)
    {
        PythonEnvironment.RequireNumpy();
        Tensor inputs, wx, wh, b, loop;
        using (Py.GIL())
        {
            using PyObject drawn = PythonCall.Invoke(LiveParity.Module, "tutorial_draw", 11);
            using PyObject pyInputs = drawn[0], pyWx = drawn[1], pyWh = drawn[2], pyB = drawn[3];
            (inputs, wx, wh, b) = (NumpyArrays.ToTensor(pyInputs), NumpyArrays.ToTensor(pyWx), NumpyArrays.ToTensor(pyWh), NumpyArrays.ToTensor(pyB));
            using PyObject result = PythonCall.Invoke(LiveParity.Module, "tutorial", [pyInputs, pyWx, pyWh, pyB],
                new Dictionary<string, object?> { ["as_printed"] = asPrinted });
            loop = NumpyArrays.ToTensor(result);
        }

        RnnParity.Layers.Models.Keras.ClearSession();
        var model = new Sequential();
        model.Add(new SimpleRNN(8, returnSequences: true, inputShape: (10, 4)));
        // Keras's kernel is the tutorial's Wx transposed: x·kernel == Wx·x.
        model.SetWeights([Transpose(wx), Transpose(wh), b]);
        Tensor csharp = NDArrayConvert.ToTensor(model.Predict(NDArrayConvert.ToNDArray(inputs)));
        return (csharp, loop);
    }

    static Tensor Transpose(Tensor m)
    {
        int rows = m.Shape[0], cols = m.Shape[1];
        var t = new Tensor(cols, rows);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) t.Data[c * rows + r] = m.Data[r * cols + c];
        return t;
    }
}
