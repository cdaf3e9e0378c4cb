namespace RnnParity.Cli.Commands;

/// <summary>What the commands that run Keras share: its backend, and how to get Keras where it is missing.</summary>
public static class KerasSetup
{
    /// <summary>
    /// Printed when keras does not import. Debian's system Python refuses <c>pip install</c>
    /// (PEP 668, "externally-managed-environment"), so the route that works is a virtual environment.
    /// </summary>
    public static readonly string Hint = string.Join(Environment.NewLine,
        "Keras is needed and does not import in the chosen Python. To get it (Debian's system Python refuses",
        "'pip install', PEP 668), make a virtual environment and point RnnParity at it:",
        "    python3 -m venv ~/.venvs/keras && ~/.venvs/keras/bin/pip install keras numpy",
        "    export RNNPARITY_PYTHON=~/.venvs/keras/bin/python      (or --python ~/.venvs/keras/bin/python)",
        "Keras runs on its numpy backend unless KERAS_BACKEND names another one.");

    /// <summary>
    /// Keras 3 imports TensorFlow by default, which a plain <c>pip install keras numpy</c> lacks; the
    /// reference cases were made on the numpy backend. Set before the interpreter probe, so that the probe's
    /// <c>import keras</c> sees what python/keras_reference.py's in-process import does.
    /// </summary>
    public static void PreferNumpyBackend()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KERAS_BACKEND")))
            Environment.SetEnvironmentVariable("KERAS_BACKEND", "numpy");
    }
}
