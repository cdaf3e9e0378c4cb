#!/usr/bin/env python3
"""The NumPy RNN loop of the tutorial notes (section 2), with its two typos fixed.

Kept as close to the notes as possible so it can serve as the plainest possible
reference: one sample, weights in the notes' layout (Wx is (hidden, input_dim),
the transpose of Keras's kernel), tanh, zero initial state.
"""
import numpy as np


def tutorial_rnn(inputs, Wx, Wh, b, verbose=False):
    """Run the tutorial's memory cell over `inputs` (timesteps, input_dim).

    h_t = tanh(Wx . x_t + Wh . h_{t-1} + b),  h_0 = 0

    Returns the (timesteps, hidden_size) stack of every h_t. With `verbose`
    it prints the shape of the growing list at each step, like the notes.
    """
    hidden_size = np.shape(Wh)[0]
    hidden_state_t = np.zeros((hidden_size,))  # 초기 은닉 상태 0으로 초기화

    total_hidden_states = []

    # 메모리 셀 동작
    for input_t in inputs:  # 각 시점에 따라서 입력 값이 입력됨
        output_t = np.tanh(np.dot(Wx, input_t) + np.dot(Wh, hidden_state_t) + b)  # Wx * Wt + Wh * Ht-1 + bias
        total_hidden_states.append(list(output_t))  # 각 시점의 은닉 상태의 값을 축적
        if verbose:
            # Typo fix: the notes print np.shape(total.hidden_states); `total`
            # is not defined, so the loop died with a NameError on step one.
            print(np.shape(total_hidden_states))  # 각 시점 t 별 메모리 셀의 출력 크기는 (timestep, output_dim)
        # Typo fix: the notes assign `hidden_statet_t = output_t`, a new
        # variable nobody reads; hidden_state_t stayed zero, so every step
        # silently computed tanh(Wx . x_t + b) and the state was never carried.
        hidden_state_t = output_t

    total_hidden_states = np.stack(total_hidden_states, axis=0)  # 출력 시 값을 깔끔하게 해줌
    return total_hidden_states


def tutorial_rnn_as_printed(inputs, Wx, Wh, b):
    """The notes' loop verbatim apart from the print, keeping the `hidden_statet_t` typo.

    Kept so that parity checks can show they catch it: the state is never carried.
    """
    hidden_state_t = np.zeros((np.shape(Wh)[0],))
    total_hidden_states = []
    for input_t in inputs:
        output_t = np.tanh(np.dot(Wx, input_t) + np.dot(Wh, hidden_state_t) + b)
        total_hidden_states.append(list(output_t))
        hidden_statet_t = output_t  # noqa: F841 -- the typo under test
    return np.stack(total_hidden_states, axis=0)


def main():
    timesteps = 10  # 시점의 수, NLP에서 보통 문장의 길이
    input_dim = 4  # 입력의 차원, NLP에서 보통 단어 벡터의 차원
    hidden_size = 8  # 은닉 상태의 크기, 메모리 셀의 용량

    inputs = np.random.random((timesteps, input_dim))  # 입력에 해당되는 2D 텐서

    Wx = np.random.random((hidden_size, input_dim))  # (8, 4) 크기의 2D 텐서 생성. 입력에 대한 가중치
    Wh = np.random.random((hidden_size, hidden_size))  # (8, 8) 크기의 2D 텐서 생성. 은닉 상태에 대한 가중치
    b = np.random.random((hidden_size,))  # (8,) 크기의 1D 텐서 생성. 편향 값

    print(np.shape(Wx))
    print(np.shape(Wh))
    print(np.shape(b))

    total_hidden_states = tutorial_rnn(inputs, Wx, Wh, b, verbose=True)
    print(total_hidden_states)  # (timesteps, output_dim)의 크기를 가지는 메모리 셀의 2D 텐서 출력
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
