using RnnParity.Core.Cells;
using RnnParity.Core.Tensors;
using RnnParity.Layers;
using RnnParity.Layers.Basic;
using RnnParity.Layers.Models;
using RnnParity.Layers.Recurrent;

namespace RnnParity.Diagnosis.Mistakes.Precision;

/// <summary>
/// A case's model recomputed in another <see cref="NumberFormat"/>: inputs and weights cast to it, and
/// every operation's result rounded to it, operations as Keras's cells write them
/// (<c>keras/src/layers/rnn/{simple_rnn,lstm,gru}.py</c>, <c>core/dense.py</c>): a matrix product
/// (accumulated in double and rounded once, as numpy's float16 dot and GPU half/bfloat16 kernels
/// accumulate wider), an addition, a product, an activation. Covers a chain of SimpleRNN, LSTM, GRU
/// and Dense layers (one input, one output, no masks or returned states); any other model is refused
/// with an <see cref="ArgumentException"/>, so the replay is not tried.
/// </summary>
public sealed class ReducedPrecisionModel
{
    readonly NumberFormat _format;
    readonly List<Layer> _layers;
    readonly Dictionary<Layer, double[][]> _weights = [];
    readonly Dictionary<Layer, double[][]> _carried = [];

    public ReducedPrecisionModel(Model model, NumberFormat format)
    {
        _format = format;
        if (model is not (Sequential or Functional { IsSequentialLike: true }) || model.InputShapes.Count != 1 || model.OutputShapes.Count != 1)
            throw new ArgumentException("the precision replay runs only a chain of layers with one input and one output");
        _layers = model.Layers.Where(l => l is not InputLayer).ToList();
        foreach (var layer in _layers)
        {
            switch (layer)
            {
                case Dense d: Activation(d.Activation.Name, 0); break;
                case RecurrentLayer r when r.Cell is SimpleRnnCell or LstmCell or GruCell && !r.Options.ReturnState && !r.Options.Unroll:
                    foreach (var a in Activations(r.Cell)) Activation(a, 0);
                    break;
                default: throw new ArgumentException($"the precision replay has no {layer.ClassName} ({layer.Name})");
            }
            _weights[layer] = layer.Weights.Select(w => w.Data.Select(v => R(v)).ToArray()).ToArray();
        }
    }

    double R(double x) => FormatRounding.Round(x, _format);

    static string[] Activations(RecurrentCell cell) => cell switch
    {
        LstmCell l => [l.Activation.Name, l.RecurrentActivation.Name],
        GruCell g => [g.Activation.Name, g.RecurrentActivation.Name],
        SimpleRnnCell s => [s.Activation.Name],
        _ => [],
    };

    /// <summary>Forgets the states stateful layers carry (Keras's <c>reset_states</c>).</summary>
    public void ResetStates() => _carried.Clear();

    public Tensor Call(Tensor input)
    {
        if (input.Mask is not null) throw new ArgumentException("the precision replay has no masks");
        int[] shape = (int[])input.Shape.Clone();
        double[] x = input.Data.Select(v => R(v)).ToArray();
        foreach (var layer in _layers)
            (x, shape) = layer switch
            {
                Dense d => Dense(d, x, shape),
                RecurrentLayer r => Recurrent(r, x, shape),
                _ => throw new ArgumentException($"the precision replay has no {layer.ClassName}"),
            };
        return new Tensor(shape, x.Select(v => (float)v).ToArray());
    }

    (double[], int[]) Dense(Dense d, double[] x, int[] shape)
    {
        var w = _weights[d];
        int inDim = shape[^1], rows = x.Length / inDim, units = d.Units;
        var y = MatMul(x, rows, inDim, w[0], units, 0, units);
        if (w.Length > 1) AddRow(y, w[1], 0, units);
        ApplyRows(d.Activation.Name, y, units);
        return (y, [.. shape[..^1], units]);
    }

    (double[], int[]) Recurrent(RecurrentLayer layer, double[] x, int[] shape)
    {
        RecurrentCell cell = layer.Cell;
        var w = _weights[layer];
        int batch = shape[0], steps = shape[1], d = shape[2], u = cell.Units;
        double[][] states = layer.Options.Stateful && _carried.TryGetValue(layer, out var kept)
            ? kept : Enumerable.Range(0, cell.StateCount).Select(_ => new double[batch * u]).ToArray();
        var output = new double[(layer.Options.ReturnSequences ? steps : 1) * batch * u];
        var xt = new double[batch * d];
        for (int s = 0; s < steps; s++)
        {
            int t = layer.Options.GoBackwards ? steps - 1 - s : s;
            for (int b = 0; b < batch; b++) Array.Copy(x, (b * steps + t) * d, xt, b * d, d);
            states = cell switch
            {
                LstmCell l => Lstm(l, w, xt, batch, d, states),
                GruCell g => Gru(g, w, xt, batch, d, states),
                SimpleRnnCell r => [SimpleRnn(r, w, xt, batch, d, states[0])],
                _ => throw new ArgumentException("no such cell"),
            };
            if (layer.Options.ReturnSequences || s == steps - 1)
                for (int b = 0; b < batch; b++)
                    Array.Copy(states[0], b * u, output, layer.Options.ReturnSequences ? (b * steps + s) * u : b * u, u);
        }
        if (layer.Options.Stateful) _carried[layer] = states;
        return (output, layer.Options.ReturnSequences ? [batch, steps, u] : [batch, u]);
    }

    // SimpleRNNCell: h = x·kernel (+ bias); output = h + h_prev·recurrent_kernel; activation(output).
    double[] SimpleRnn(SimpleRnnCell cell, double[][] w, double[] x, int batch, int d, double[] hPrev)
    {
        int u = cell.Units;
        var h = MatMul(x, batch, d, w[0], u, 0, u);
        if (w.Length > 2) AddRow(h, w[2], 0, u);
        Add(h, MatMul(hPrev, batch, u, w[1], u, 0, u));
        ApplyRows(cell.Activation.Name, h, u);
        return h;
    }

    // LSTMCell: z = x·kernel + h·recurrent_kernel (+ bias); i, f, o = σ(z_·); c = f∘c_prev + i∘act(z_c); h = o∘act(c).
    double[][] Lstm(LstmCell cell, double[][] w, double[] x, int batch, int d, double[][] states)
    {
        int u = cell.Units, width = 4 * u;
        var z = MatMul(x, batch, d, w[0], width, 0, width);
        Add(z, MatMul(states[0], batch, u, w[1], width, 0, width));
        if (w.Length > 2) AddRow(z, w[2], 0, width);
        var gate = new double[4][];
        for (int g = 0; g < 4; g++) gate[g] = Block(z, batch, width, g * u, u);
        string act = cell.Activation.Name, rec = cell.RecurrentActivation.Name;
        ApplyRows(rec, gate[0], u); ApplyRows(rec, gate[1], u); ApplyRows(act, gate[2], u); ApplyRows(rec, gate[3], u);
        var c = Mul(gate[1], states[1]);
        Add(c, Mul(gate[0], gate[2]));
        var ac = (double[])c.Clone();
        ApplyRows(act, ac, u);
        return [Mul(gate[3], ac), c];
    }

    // GRUCell, reset_after: x_· = x·kernel + b_in; h_· = h·recurrent_kernel + b_rec; z, r = σ(x + h); ĥ = act(x_h + r∘h_h).
    // reset_after=False: z, r = σ(x_· + h·R_·); ĥ = act(x_h + (r∘h)·R_h). Both: h = z∘h_prev + (1 − z)∘ĥ.
    double[][] Gru(GruCell cell, double[][] w, double[] x, int batch, int d, double[][] states)
    {
        int u = cell.Units, width = 3 * u;
        double[] hPrev = states[0];
        bool bias = w.Length > 2;
        string act = cell.Activation.Name, rec = cell.RecurrentActivation.Name;
        double[] xz, xr, xh, hz, hr, hh;
        var mx = MatMul(x, batch, d, w[0], width, 0, width);
        if (bias) AddRow(mx, w[2], 0, width);
        (xz, xr, xh) = (Block(mx, batch, width, 0, u), Block(mx, batch, width, u, u), Block(mx, batch, width, 2 * u, u));
        double[] r;
        if (cell.ResetAfter)
        {
            var mh = MatMul(hPrev, batch, u, w[1], width, 0, width);
            if (bias) AddRow(mh, w[2], width, width);
            (hz, hr, hh) = (Block(mh, batch, width, 0, u), Block(mh, batch, width, u, u), Block(mh, batch, width, 2 * u, u));
            Add(xz, hz); Add(xr, hr);
            ApplyRows(rec, xz, u); ApplyRows(rec, xr, u);
            r = xr;
            Add(xh, Mul(r, hh));
        }
        else
        {
            Add(xz, MatMul(hPrev, batch, u, w[1], width, 0, u));
            Add(xr, MatMul(hPrev, batch, u, w[1], width, u, u));
            ApplyRows(rec, xz, u); ApplyRows(rec, xr, u);
            r = xr;
            Add(xh, MatMul(Mul(r, hPrev), batch, u, w[1], width, 2 * u, u));
        }
        ApplyRows(act, xh, u);
        var h = Mul(xz, hPrev);
        var oneMinusZ = xz.Select(v => R(1 - v)).ToArray();
        Add(h, Mul(oneMinusZ, xh));
        return [h];
    }

    /// <summary>a (rows×k) · b[:, col..col+n] (b is k×ldb), accumulated in double, each result rounded.</summary>
    double[] MatMul(double[] a, int rows, int k, double[] b, int ldb, int col, int n)
    {
        var y = new double[rows * n];
        for (int i = 0; i < rows; i++)
        {
            // Row-wise (i, p, j) so that b is read along its rows; every y element still sums over p in order.
            Span<double> yi = y.AsSpan(i * n, n);
            for (int p = 0; p < k; p++)
            {
                double av = a[i * k + p];
                ReadOnlySpan<double> bp = b.AsSpan(p * ldb + col, n);
                for (int j = 0; j < n; j++) yi[j] += av * bp[j];
            }
            for (int j = 0; j < n; j++) yi[j] = R(yi[j]);
        }
        return y;
    }

    void Add(double[] a, double[] b)
    {
        for (int i = 0; i < a.Length; i++) a[i] = R(a[i] + b[i]);
    }

    double[] Mul(double[] a, double[] b)
    {
        var y = new double[a.Length];
        for (int i = 0; i < a.Length; i++) y[i] = R(a[i] * b[i]);
        return y;
    }

    /// <summary>Adds v[offset..offset+n] to every row of a (n wide).</summary>
    void AddRow(double[] a, double[] v, int offset, int n)
    {
        for (int i = 0; i < a.Length; i++) a[i] = R(a[i] + v[offset + i % n]);
    }

    static double[] Block(double[] z, int rows, int width, int start, int n)
    {
        var y = new double[rows * n];
        for (int b = 0; b < rows; b++) Array.Copy(z, b * width + start, y, b * n, n);
        return y;
    }

    void ApplyRows(string name, double[] v, int width)
    {
        if (name == "softmax")
        {
            for (int row = 0; row < v.Length; row += width)
            {
                double max = double.NegativeInfinity, sum = 0;
                for (int i = 0; i < width; i++) max = Math.Max(max, v[row + i]);
                for (int i = 0; i < width; i++) sum += Math.Exp(v[row + i] - max);
                for (int i = 0; i < width; i++) v[row + i] = R(Math.Exp(v[row + i] - max) / sum);
            }
            return;
        }
        for (int i = 0; i < v.Length; i++) v[i] = R(Activation(name, v[i]));
    }

    /// <summary>An element-wise activation in double; an <see cref="ArgumentException"/> for one the replay does not have.</summary>
    static double Activation(string name, double x) => name switch
    {
        "tanh" => Math.Tanh(x),
        "sigmoid" => 1 / (1 + Math.Exp(-x)),
        "hard_sigmoid" => Math.Clamp(x / 6 + 0.5, 0, 1),
        "relu" => Math.Max(x, 0),
        "linear" => x,
        "softmax" => x, // row-wise, in ApplyRows; here only checked
        _ => throw new ArgumentException($"the precision replay has no activation '{name}'"),
    };
}
