#!/usr/bin/env python3
"""Writes a copy of the tutorial's fixture case whose expected outputs come from the
notes' loop as printed, with its `hidden_statet_t` typo (the state is never carried).

    python3 python/tutorial_typo_case.py OUT_DIR

gives OUT_DIR/numpy_tutorial_example, a case `rnnparity verify` fails and
`rnnparity diff` explains (state-not-carried, on the expected side). The README's
diff example and the sample report in docs/ are made from it.
"""
import os
import shutil
import sys

import numpy as np

from tutorial_rnn import tutorial_rnn_as_printed

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(os.path.dirname(HERE), "fixtures", "numpy", "numpy_tutorial_example")


def write(out_dir):
    case = os.path.join(out_dir, os.path.basename(SOURCE))
    if os.path.exists(case):
        raise SystemExit(f"tutorial_typo_case: {case} exists; remove it or choose another folder")
    shutil.copytree(SOURCE, case)
    kernel, recurrent, bias = (np.load(os.path.join(case, f)) for f in ("w00.npy", "w01.npy", "w02.npy"))
    x = np.load(os.path.join(case, "run0_in0.npy"))
    # The notes' Wx is (hidden, input): Keras's kernel transposed; likewise Wh.
    y = np.stack([tutorial_rnn_as_printed(sample, kernel.T, recurrent.T, bias) for sample in x]).astype(np.float32)
    np.save(os.path.join(case, "run0_out0.npy"), y)
    return case


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    print(write(sys.argv[1]))
