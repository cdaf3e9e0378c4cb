#!/usr/bin/env python3
"""Generates the NumPy-reference fixture cases (fixtures/numpy/) of case_catalogue.NUMPY_CASES.

Each case is Sequential([Input(batch_shape), one SimpleRNN/LSTM/GRU]); weights and
inputs come from numpy.random.default_rng(seed) the way the Keras reference cases
drew theirs, and the expected outputs from numpy_reference. Safe to import
in-process (pythonnet): generate() returns, it never exits.
"""
import argparse
import os
import sys
from dataclasses import dataclass

import numpy as np

import fixture_writer
import keras_json
import numpy_reference

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUT = os.path.join(REPO_ROOT, "fixtures", "numpy")


@dataclass(frozen=True)
class Case:
    name: str
    description: str
    seed: int
    layer: dict              # class_name, units and any non-default Keras options
    input_shape: tuple       # (batch, timesteps, features) drawn for every run
    fixed_batch: bool = False  # the model's batch_shape keeps the batch (else null)
    runs: tuple = (False,)   # reset_states flag of each successive run
    input_range: tuple = (-1.0, 1.0)


def _rnn(class_name, units, **options):
    return dict(class_name=class_name, units=units, **options)


def __getattr__(name):
    # The case list lives in case_catalogue (the one catalogue of Keras and NumPy
    # cases); imported lazily because case_catalogue imports this module.
    if name == "CASES":
        return _cases()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _cases():
    import case_catalogue
    return list(case_catalogue.NUMPY_CASES)


_REFERENCE = {"SimpleRNN": numpy_reference.simple_rnn, "LSTM": numpy_reference.lstm,
              "GRU": numpy_reference.gru}
_GATES = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}


def _weight_shapes(spec, input_dim):
    units, cls = spec["units"], spec["class_name"]
    width = units * _GATES[cls]
    shapes = [("kernel", (input_dim, width)), ("recurrent_kernel", (units, width))]
    if spec.get("use_bias", True):
        two_biases = cls == "GRU" and spec.get("reset_after", True)
        shapes.append(("bias", (2, width) if two_biases else (width,)))
    return shapes


def _output_shape(case):
    batch, timesteps, _ = case.input_shape
    b = batch if case.fixed_batch else None
    units = case.layer["units"]
    return [b, timesteps, units] if case.layer.get("return_sequences") else [b, units]


def _run_layer(spec, x, weights, initial_state):
    """Call the reference like Keras calls the layer; returns (output, final states)."""
    kwargs = {k: spec[k] for k in ("activation", "recurrent_activation", "go_backwards",
                                   "return_sequences", "reset_after") if k in spec}
    bias = weights[2] if len(weights) == 3 else None
    output, *states = _REFERENCE[spec["class_name"]](
        x, weights[0], weights[1], bias, return_state=True, initial_state=initial_state, **kwargs)
    return output, states


def build(case):
    """Everything fixture_writer.write_case needs for `case`, as a dict of its arguments."""
    if not isinstance(case, Case):  # a layered model of the catalogue, run by numpy_runner
        import case_catalogue
        return case_catalogue.build_numpy_model_case(case)
    spec = case.layer
    layer_name, cell_name = keras_json.LAYER_NAMES[spec["class_name"]]
    rng = np.random.default_rng(case.seed)
    shapes = _weight_shapes(spec, case.input_shape[2])
    arrays = [rng.uniform(-0.5, 0.5, shape).astype(np.float32) for _, shape in shapes]
    lo, hi = case.input_range
    inputs = [rng.uniform(lo, hi, case.input_shape).astype(np.float32) for _ in case.runs]

    runs, states = [], None
    for reset, x in zip(case.runs, inputs):
        if reset or not spec.get("stateful"):
            states = None
        output, states = _run_layer(spec, x, arrays, states)
        runs.append({"reset_states": reset, "inputs": [x], "outputs": [output]})

    draw = ("numpy.random.default_rng(seed): weights uniform(-0.5, 0.5) float32 in model.get_weights() "
            "order, then the inputs in this order: "
            + "; ".join(f"run {r} input 0: uniform({float(lo)!r}, {float(hi)!r}, {tuple(case.input_shape)}) float32"
                        for r in range(len(case.runs))))
    batch_shape = [case.input_shape[0] if case.fixed_batch else None, *case.input_shape[1:]]
    params = int(sum(a.size for a in arrays))
    out_shape = _output_shape(case)
    return dict(
        name=case.name, description=case.description, seed=case.seed,
        model_json=keras_json.sequential_json(batch_shape, spec),
        weights=[(f"sequential/{layer_name}/{cell_name}/{w}", layer_name, w, a)
                 for (w, _), a in zip(shapes, arrays)],
        runs=runs,
        expected={"output_shapes": [out_shape],
                  "layers": [{"name": layer_name, "class_name": spec["class_name"],
                              "output_shapes": [out_shape], "params": params}],
                  "total_params": params, "trainable_params": params, "non_trainable_params": 0},
        tolerance={"atol": 1e-6, "rtol": 1e-6} if spec["class_name"] == "SimpleRNN"
        else {"atol": 1e-5, "rtol": 1e-5},
        draw=draw,
    )


def generate(out_dir=DEFAULT_OUT, names=None):
    """Write the named cases (all by default) under out_dir; returns the names written or unchanged."""
    by_name = {c.name: c for c in _cases()}
    wanted = list(by_name) if not names else list(names)
    unknown = [n for n in wanted if n not in by_name]
    if unknown:
        raise ValueError(f"unknown case(s): {', '.join(unknown)}")
    done = []
    for name in wanted:
        fixture_writer.write_case(os.fspath(out_dir), **build(by_name[name]))
        done.append(name)
    return done


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=DEFAULT_OUT, help="output root (default: fixtures/numpy in the repo)")
    parser.add_argument("--list", action="store_true", help="list the case names and exit")
    parser.add_argument("names", nargs="*", help="cases to write (default: all)")
    args = parser.parse_args(argv)
    if args.list:
        for case in _cases():
            print(f"{case.name}: {case.description}")
        return 0
    try:
        done = generate(args.out, args.names)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(f"{len(done)} case(s) in {args.out}: {', '.join(done)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
