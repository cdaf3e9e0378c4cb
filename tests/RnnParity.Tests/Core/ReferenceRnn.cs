using RnnParity.Core.Cells;

namespace RnnParity.Tests.Core;

/// <summary>
/// Straightforward double-precision versions of Keras's cell equations and time loop, written from the Keras sources
/// (<c>simple_rnn.py</c>, <c>lstm.py</c>, <c>gru.py</c>, <c>backend/numpy/rnn.py</c>) to check the library against.
/// </summary>
internal static class ReferenceRnn
{
    public static float[] RandomValues(Random r, int n, double scale = 1.0) =>
        Enumerable.Range(0, n).Select(_ => (float)((r.NextDouble() * 2 - 1) * scale)).ToArray();

    public static void RandomWeights(RecurrentCell cell, Random r)
    {
        foreach (var w in cell.Weights)
            RandomValues(r, w.Data.Length, 0.5).CopyTo(w.Data, 0);
    }

    public static Func<double, double> Activation(string name) => name switch
    {
        "tanh" => Math.Tanh,
        "sigmoid" => x => 1 / (1 + Math.Exp(-x)),
        "relu" => x => Math.Max(0, x),
        "hard_sigmoid" => x => Math.Clamp(x + 3, 0, 6) / 6,
        "linear" => x => x,
        _ => throw new ArgumentException(name),
    };

    /// <summary><c>sum_k x[k] * W[k, col]</c> for a row-major (rows, width) matrix.</summary>
    static double Dot(double[] x, float[] w, int width, int col)
    {
        double s = 0;
        for (int k = 0; k < x.Length; k++) s += x[k] * w[k * width + col];
        return s;
    }

    /// <summary>One step for one batch item: states in, states out (h first).</summary>
    public delegate double[][] Step(double[] x, double[][] states);

    public static Step SimpleRnn(SimpleRnnCell cell, Func<double, double> act) => (x, s) =>
    {
        int u = cell.Units;
        var h = new double[u];
        for (int j = 0; j < u; j++)
            h[j] = act(Dot(x, cell.Kernel.Data, u, j) + Dot(s[0], cell.RecurrentKernel.Data, u, j) + (cell.Bias?.Data[j] ?? 0));
        return [h];
    };

    /// <summary>LSTM, gate blocks i, f, c, o: c' = f·c + i·act(z_c), h' = o·act(c').</summary>
    public static Step Lstm(LstmCell cell, Func<double, double> act, Func<double, double> rec) => (x, s) =>
    {
        int u = cell.Units, w = 4 * u;
        double Z(int col) => Dot(x, cell.Kernel.Data, w, col) + Dot(s[0], cell.RecurrentKernel.Data, w, col) + (cell.Bias?.Data[col] ?? 0);
        var h = new double[u];
        var c = new double[u];
        for (int j = 0; j < u; j++)
        {
            double i = rec(Z(j)), f = rec(Z(u + j)), g = act(Z(2 * u + j)), o = rec(Z(3 * u + j));
            c[j] = f * s[1][j] + i * g;
            h[j] = o * act(c[j]);
        }
        return [h, c];
    };

    /// <summary>GRU, gate blocks z, r, h, both reset_after variants.</summary>
    public static Step Gru(GruCell cell, Func<double, double> act, Func<double, double> rec) => (x, s) =>
    {
        int u = cell.Units, w = 3 * u;
        float[]? bias = cell.Bias?.Data;
        double InputBias(int col) => bias?[col] ?? 0;
        double RecurrentBias(int col) => cell.ResetAfter && bias is not null ? bias[w + col] : 0;
        double[] hPrev = s[0];
        var z = new double[u];
        var r = new double[u];
        for (int j = 0; j < u; j++)
        {
            z[j] = rec(Dot(x, cell.Kernel.Data, w, j) + InputBias(j) + Dot(hPrev, cell.RecurrentKernel.Data, w, j) + RecurrentBias(j));
            r[j] = rec(Dot(x, cell.Kernel.Data, w, u + j) + InputBias(u + j) + Dot(hPrev, cell.RecurrentKernel.Data, w, u + j) + RecurrentBias(u + j));
        }
        var rh = hPrev.Select((v, j) => r[j] * v).ToArray();
        var h = new double[u];
        for (int j = 0; j < u; j++)
        {
            double xh = Dot(x, cell.Kernel.Data, w, 2 * u + j) + InputBias(2 * u + j);
            double candidate = cell.ResetAfter
                ? act(xh + r[j] * (Dot(hPrev, cell.RecurrentKernel.Data, w, 2 * u + j) + RecurrentBias(2 * u + j)))
                : act(xh + Dot(rh, cell.RecurrentKernel.Data, w, 2 * u + j));
            h[j] = z[j] * hPrev[j] + (1 - z[j]) * candidate;
        }
        return [h];
    };

    /// <summary>
    /// Keras's time loop for one batch item: steps in input order or reversed; a masked step keeps every state and
    /// outputs the previous h, or zeros with zero_output_for_mask; outputs in processing order.
    /// </summary>
    public static (double[][] Outputs, double[][] States) Run(Step step, float[] inputs, int batchIndex, int timesteps, int inputDim,
        double[][] initial, bool[]? mask, bool goBackwards, bool zeroOutputForMask)
    {
        var states = initial.Select(s => (double[])s.Clone()).ToArray();
        var outputs = new double[timesteps][];
        for (int s = 0; s < timesteps; s++)
        {
            int t = goBackwards ? timesteps - 1 - s : s;
            var x = new double[inputDim];
            for (int k = 0; k < inputDim; k++) x[k] = inputs[(batchIndex * timesteps + t) * inputDim + k];
            bool kept = mask is null || mask[batchIndex * timesteps + t];
            if (kept) states = step(x, states);
            outputs[s] = !kept && zeroOutputForMask ? new double[states[0].Length] : (double[])states[0].Clone();
        }
        return (outputs, states);
    }
}
