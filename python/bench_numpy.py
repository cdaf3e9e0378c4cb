"""Times SimpleRNN, LSTM and GRU forward passes in NumPy, float32, on the benchmark shapes.

Two NumPy implementations per layer:
  * "reference": numpy_reference.simple_rnn / lstm / gru, the independent loops the fixtures
    are checked against (per step: x_t . kernel and h . recurrent_kernel, then the gates);
  * "keras":     what Keras 3's numpy backend does for layer(x) with unroll=False, written
    out here: keras/src/backend/numpy/rnn.py (transpose to time-major, numpy_scan collecting
    every output, np.array(outputs)) around LSTMCell/GRUCell/SimpleRNNCell.call with the
    default implementation=2 (one matmul of x_t by the whole kernel *inside* the step, one of
    h by the whole recurrent kernel), sigmoid as 1 / (1 + exp(-x)) (backend/numpy/nn.py).
Neither hoists the input projection out of the loop; the C# RecurrentLoop does.

Timing: timeit, best of `repeat` runs of `number` calls each, reported per call.
The BLAS numpy actually loaded is recorded (threadpoolctl, else numpy.show_config).

Run: /usr/bin/python3 python/bench_numpy.py [--json] [--sizes small,medium,large]
"""
import argparse
import io
import json
import os
import platform
import sys
import time
import timeit
from contextlib import redirect_stdout

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy_reference as ref  # noqa: E402

# name: (batch, timesteps, features, units) -- the same table as the C# benchmarks.
SIZES = {
    "small": (1, 10, 4, 8),
    "medium": (32, 50, 64, 128),
    "large": (64, 100, 128, 256),
}
GATES = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}
SEED = 1234


# ---- Keras numpy backend, written out ------------------------------------------------------

def _k_sigmoid(x):
    return np.array(1.0, x.dtype) / (np.array(1.0, x.dtype) + np.exp(-x))


def _k_matmul(a, b):
    # backend/numpy/numpy.py matmul: cast both to the result dtype, np.matmul, cast back.
    dtype = np.result_type(a.dtype, b.dtype)
    return np.matmul(a.astype(dtype), b.astype(dtype)).astype(dtype)


def _keras_rnn(step, inputs, initial_states):
    """backend/numpy/rnn.py, unroll=False, no mask, go_backwards=False."""
    xs = np.transpose(inputs, (1, 0, 2))           # swap_batch_timestep
    states = initial_states
    outputs = []
    for x in xs:                                    # numpy_scan
        output, states = step(x, states)
        outputs.append(output)
    outputs = np.array(outputs)
    last_output = outputs[-1]
    outputs = np.transpose(outputs, (1, 0, 2))
    return last_output, outputs, states


def keras_simple_rnn(x, kernel, recurrent_kernel, bias):
    def step(x_t, states):
        h_prev = states[0]
        h = _k_matmul(x_t, kernel)
        h = h + bias
        output = h + _k_matmul(h_prev, recurrent_kernel)
        output = np.tanh(output)
        return output, [output]
    units = recurrent_kernel.shape[0]
    return _keras_rnn(step, x, [np.zeros((x.shape[0], units), x.dtype)])[0]


def keras_lstm(x, kernel, recurrent_kernel, bias):
    def step(x_t, states):
        h_tm1, c_tm1 = states
        z = _k_matmul(x_t, kernel)
        z = np.add(z, _k_matmul(h_tm1, recurrent_kernel))
        z = np.add(z, bias)
        z0, z1, z2, z3 = np.split(z, 4, axis=1)
        i = _k_sigmoid(z0)
        f = _k_sigmoid(z1)
        c = f * c_tm1 + i * np.tanh(z2)
        o = _k_sigmoid(z3)
        h = o * np.tanh(c)
        return h, [h, c]
    units = recurrent_kernel.shape[0]
    zeros = np.zeros((x.shape[0], units), x.dtype)
    return _keras_rnn(step, x, [zeros, zeros])[0]


def keras_gru(x, kernel, recurrent_kernel, bias):
    """reset_after=True (Keras 3 default), bias (2, 3*units)."""
    input_bias, recurrent_bias = (np.squeeze(e, axis=0) for e in np.split(bias, bias.shape[0], axis=0))

    def step(x_t, states):
        h_tm1 = states[0]
        matrix_x = _k_matmul(x_t, kernel)
        matrix_x = np.add(matrix_x, input_bias)
        x_z, x_r, x_h = np.split(matrix_x, 3, axis=-1)
        matrix_inner = _k_matmul(h_tm1, recurrent_kernel)
        matrix_inner += recurrent_bias
        u = recurrent_kernel.shape[0]
        recurrent_z = matrix_inner[:, :u]
        recurrent_r = matrix_inner[:, u:2 * u]
        recurrent_h = matrix_inner[:, 2 * u:]
        z = _k_sigmoid(x_z + recurrent_z)
        r = _k_sigmoid(x_r + recurrent_r)
        recurrent_h = r * recurrent_h
        hh = np.tanh(x_h + recurrent_h)
        h = z * h_tm1 + (1 - z) * hh
        return h, [h]
    units = recurrent_kernel.shape[0]
    return _keras_rnn(step, x, [np.zeros((x.shape[0], units), x.dtype)])[0]


# ---- setup and timing ----------------------------------------------------------------------

def make_case(layer, size):
    batch, timesteps, features, units = SIZES[size]
    rng = np.random.default_rng(SEED)
    w = units * GATES[layer]
    f32 = np.float32
    x = rng.standard_normal((batch, timesteps, features)).astype(f32)
    kernel = (rng.standard_normal((features, w)) / np.sqrt(features)).astype(f32)
    recurrent = (rng.standard_normal((units, w)) / np.sqrt(units)).astype(f32)
    bias_shape = (2, w) if layer == "GRU" else (w,)
    bias = (0.1 * rng.standard_normal(bias_shape)).astype(f32)
    return x, kernel, recurrent, bias


IMPLEMENTATIONS = {
    ("SimpleRNN", "reference"): lambda x, k, r, b: ref.simple_rnn(x, k, r, b),
    ("LSTM", "reference"): lambda x, k, r, b: ref.lstm(x, k, r, b),
    ("GRU", "reference"): lambda x, k, r, b: ref.gru(x, k, r, b, reset_after=True),
    ("SimpleRNN", "keras"): keras_simple_rnn,
    ("LSTM", "keras"): keras_lstm,
    ("GRU", "keras"): keras_gru,
}


def time_call(fn, budget_s, repeat):
    """Best per-call time of `repeat` timeit runs; `number` chosen so a run takes ~budget/repeat."""
    t0 = time.perf_counter()
    fn()  # warm-up, and an estimate of one call
    one = max(time.perf_counter() - t0, 1e-7)
    number = max(1, int(budget_s / repeat / one))
    runs = timeit.repeat(fn, number=number, repeat=repeat)
    return min(runs) / number, number


def blas_info():
    info = {"numpy": np.__version__, "python": sys.executable, "python_version": platform.python_version()}
    try:
        from threadpoolctl import threadpool_info
        pools = [p for p in threadpool_info() if p.get("user_api") == "blas"]
        info["threadpoolctl"] = pools
        if pools:
            p = pools[0]
            info["blas"] = f"{p.get('internal_api')} {p.get('version') or ''} arch={p.get('architecture')} threads={p.get('num_threads')} ({p.get('filepath')})".replace("  ", " ")
        else:
            info["blas"] = "reference BLAS (threadpoolctl sees no BLAS pool: not OpenBLAS/MKL/BLIS)"
    except ImportError:
        info["blas"] = "unknown (threadpoolctl not installed)"
    # The library the dynamic linker actually mapped for numpy.
    try:
        with open("/proc/self/maps") as maps:
            libs = sorted({line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line})
        info["mapped_blas"] = libs
    except OSError:
        pass
    buf = io.StringIO()
    with redirect_stdout(buf):
        np.show_config()
    info["show_config"] = buf.getvalue()
    info["env"] = {k: v for k, v in os.environ.items() if k.startswith(("OPENBLAS", "OMP_", "LD_LIBRARY_PATH"))}
    return info


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", action="store_true", help="print one JSON document instead of a table")
    ap.add_argument("--sizes", default="small,medium,large")
    ap.add_argument("--layers", default="SimpleRNN,LSTM,GRU")
    ap.add_argument("--budget", type=float, default=2.0, help="seconds of timing per measurement (at least one call per run)")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    results = []
    for size in args.sizes.split(","):
        for layer in args.layers.split(","):
            case = make_case(layer, size)
            outs = {}
            for impl in ("reference", "keras"):
                fn = IMPLEMENTATIONS[(layer, impl)]
                outs[impl] = fn(*case)
                best, number = time_call(lambda: fn(*case), args.budget, args.repeat)
                results.append({"layer": layer, "size": size, "shape": SIZES[size], "impl": impl,
                                "seconds": best, "number": number, "repeat": args.repeat})
                if not args.json:
                    print(f"{layer:10} {size:7} {impl:9} {best * 1e3:12.4f} ms  (best of {args.repeat} x {number})", flush=True)
            # Both implementations compute the same layer: a cheap guard that the timed code is right.
            diff = float(np.max(np.abs(outs["reference"] - outs["keras"])))
            if diff > 1e-4:
                raise SystemExit(f"{layer} {size}: reference and keras-style outputs differ by {diff}")
    doc = {"blas": blas_info(), "results": results, "load": os.getloadavg()}
    if args.json:
        json.dump(doc, sys.stdout)
        print()
    else:
        print("BLAS:", doc["blas"]["blas"], "| load:", doc["load"])


if __name__ == "__main__":
    main()
