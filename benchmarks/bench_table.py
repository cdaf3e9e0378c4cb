"""The NumPy + OpenBLAS peer of `RnnParity.Benchmarks --table` (run by it in a child process).

For every row (layer, batch, timesteps, input, units) it times two NumPy implementations of the
layer, full sequence returned, float32, and reports the faster:
  * "reference": python/numpy_reference.py with return_sequences=True (the fixtures' checker);
  * "keras":     Keras 3's numpy backend written out (python/bench_numpy.py), which collects every
                 step's output anyway.
Then np.matmul on the roofline shapes (m, k, n), and optionally the NumPy interpreter of whole
cases (python/numpy_runner.compute: reads the case, builds, predicts every run).

Weights are drawn here (seeded, scaled 1/sqrt(fan-in) as the C# side): values do not change the
work, and the C# side checks ORT, not NumPy, against its own output.

Input: one JSON document on the command line (--spec). Output: one JSON document per line on stdout
(kind: info, matmul, case, row, done), each as soon as it is measured.
"""
import argparse
import json
import os
import sys
import time
import timeit

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "python"))
import bench_numpy  # noqa: E402
import numpy_reference as ref  # noqa: E402


def best_and_median(fn, budget, passes=5):
    t0 = time.perf_counter()
    fn()
    one = max(time.perf_counter() - t0, 1e-7)
    if one > budget:
        passes = 3  # a slow call: three single-call passes keep the whole table within minutes
    number = max(1, int(budget / passes / one))
    runs = sorted(r / number for r in timeit.repeat(fn, number=number, repeat=passes))
    return runs[0], runs[len(runs) // 2]


def keras_full_sequence(layer):
    # bench_numpy's keras_* return the last output; its _keras_rnn builds the whole (batch, T, units)
    # array first, so the time is the full-sequence time.
    return {"SimpleRNN": bench_numpy.keras_simple_rnn, "LSTM": bench_numpy.keras_lstm, "GRU": bench_numpy.keras_gru}[layer]


def reference_full_sequence(layer):
    return {
        "SimpleRNN": lambda x, k, r, b: ref.simple_rnn(x, k, r, b, return_sequences=True),
        "LSTM": lambda x, k, r, b: ref.lstm(x, k, r, b, return_sequences=True),
        "GRU": lambda x, k, r, b: ref.gru(x, k, r, b, reset_after=True, return_sequences=True),
    }[layer]


def emit(doc):
    # One JSON document per line, flushed: if the parent stops this process at its time limit, every
    # measurement finished so far is still read.
    json.dump(doc, sys.stdout)
    print(flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--spec", required=True, help='{"rows": [[layer, size, b, t, f, u]...], "matmul": [[m, k, n]...], "cases": [dir...], "budget": s}')
    spec = json.loads(ap.parse_args().spec)
    budget = float(spec.get("budget", 1.0))
    info = bench_numpy.blas_info()
    mapped = ", ".join(os.path.basename(os.path.dirname(p)) + "/" + os.path.basename(p) for p in info.get("mapped_blas", []))
    emit({"kind": "info", "blas": f"{info['blas']}; mapped: {mapped or '?'}; OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', 'unset')}",
          "load": os.getloadavg()})
    # Fastest first: the GEMM shapes, the whole models, then the layers (large rows last).
    rng = np.random.default_rng(0)
    for m, k, n in spec.get("matmul", []):
        a = rng.standard_normal((m, k)).astype(np.float32)
        w = rng.standard_normal((k, n)).astype(np.float32)
        c = np.empty((m, n), np.float32)
        best, median = best_and_median(lambda: np.matmul(a, w, out=c), budget)
        emit({"kind": "matmul", "shape": [m, k, n], "best": best, "median": median})
    if spec.get("cases"):
        import numpy_runner
        for case_dir in spec["cases"]:
            best, median = best_and_median(lambda: numpy_runner.compute(case_dir), budget, passes=3)
            emit({"kind": "case", "case": case_dir, "best": best, "median": median})
    for layer, size, b, t, f, u in spec.get("rows", []):
        bench_numpy.SIZES[size] = (b, t, f, u)
        case = bench_numpy.make_case(layer, size)
        timings = {}
        for impl, fn in (("reference", reference_full_sequence(layer)), ("keras", keras_full_sequence(layer))):
            best, median = best_and_median(lambda: fn(*case), budget)
            timings[impl] = {"best": best, "median": median}
            if best > 2 * budget:
                break  # the two loops do the same products; when a call takes seconds, one is timed
        emit({"kind": "row", "layer": layer, "size": size, "timings": timings})
    emit({"kind": "done", "load": os.getloadavg()})


if __name__ == "__main__":
    main()
