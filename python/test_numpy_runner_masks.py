"""numpy_runner: lists of masks and per-argument masks, as Keras 3.15.1 records and reads them.

Keras-3-shaped model.json (keras_json.functional_model_json writes inbound_nodes as
serialize_node does: the call's own kwargs, None as null). Each model is checked against the
layer spec called directly with the masks Keras's call sees: Attention.call reads mask[0] and
mask[1] of mask=[...] (None: no mask); MultiHeadAttention.call reads query._keras_mask and the
value_mask/key_mask Layer.__call__ fills from the value/key unless given.

Run: python3 -m unittest discover -s python -p 'test_*.py'   (from the repo root)
"""
import os
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import case_io  # noqa: E402
import keras_json  # noqa: E402
import numpy_runner  # noqa: E402
from numpy_layers.attention import Attention, MultiHeadAttention  # noqa: E402

B, TQ, TV, D = 2, 4, 5, 3


def _padded(rng, steps, kept):
    x = rng.uniform(-1, 1, (B, steps, D)).astype(np.float32)
    mask = np.arange(steps)[None, :] < np.asarray(kept)[:, None]
    x[~mask] = 0
    return x, mask


def _data():
    rng = np.random.default_rng(7)
    q, q_mask = _padded(rng, TQ, [2, 4])
    v, v_mask = _padded(rng, TV, [3, 5])
    return q, q_mask, v, v_mask


def _helpers(name):
    """ops.any(ops.not_equal(x, 0.0), -1) and Masking(0.0) of input `name`."""
    return [("ops.NotEqual", dict(name=f"not_equal_{name}"), [name, 0.0], {}),
            ("ops.Any", dict(name=f"any_{name}", axis=-1, keepdims=False), [f"not_equal_{name}"], {}),
            ("Masking", dict(name=f"masking_{name}", mask_value=0.0), [name], {})]


def _model(layer, outputs):
    """A Functional model of inputs q and v, their helpers, then `layer`; only the layers the outputs reach."""
    layers = _helpers("q") + _helpers("v") + [layer]
    used, needed = [], {r if isinstance(r, str) else r[0] for r in outputs}
    for entry in reversed(layers):
        name = entry[1]["name"]
        if name in needed:
            used.insert(0, entry)
            refs = [entry[2], entry[3]]
            while refs:
                r = refs.pop()
                if isinstance(r, str):
                    needed.add(r)
                elif isinstance(r, tuple):
                    needed.add(r[0])
                elif isinstance(r, list):
                    refs.extend(r)
                elif isinstance(r, dict):
                    refs.extend(r.values())
    return keras_json.functional_model_json([("q", [None, TQ, D]), ("v", [None, TV, D])], used, outputs)


def _run(model_json, inputs, weights=()):
    """(outputs, output masks) of the model, weights in get_weights() order."""
    graph, shapes = numpy_runner.describe_model(model_json)
    assigned, k = {}, 0
    for layer in graph.layers:
        n = len(layer.weight_shapes)
        assigned[layer.name], k = list(weights[k:k + n]), k + n
    return numpy_runner._Runner("model", graph, False, assigned, {}).execute(inputs, with_masks=True)


def _attention(query, value, mask=None, **options):
    kwargs = {} if mask is None else {"mask": mask}
    kwargs.update(options)
    return ("Attention", dict(name="attention", use_scale=False), [[query, value]], kwargs)


class AttentionMaskListTest(unittest.TestCase):
    def test_a_list_of_query_and_value_masks(self):
        q, q_mask, v, v_mask = _data()
        (y,), (m,) = _run(_model(_attention("q", "v", ["any_q", "any_v"]), ["attention"]), [q, v])
        (expected,), _ = Attention.call({}, [], [q, v], [q_mask, v_mask])
        np.testing.assert_array_equal(y, expected)
        np.testing.assert_array_equal(m, q_mask)
        (unmasked,), _ = Attention.call({}, [], [q, v], [None, None])
        self.assertFalse(np.array_equal(y, unmasked), "the masks must change the result")

    def test_a_none_entry_is_no_mask_even_where_the_tensor_carries_one(self):
        q, _, v, v_mask = _data()
        (y,), (m,) = _run(_model(_attention("masking_q", "masking_v", [None, "any_v"]), ["attention"]), [q, v])
        (expected,), _ = Attention.call({}, [], [q, v], [None, v_mask])
        np.testing.assert_array_equal(y, expected)
        self.assertIsNone(m)

    def test_a_list_of_nones_runs_unmasked_and_no_list_reads_the_tensors(self):
        q, q_mask, v, v_mask = _data()
        (nulls,), _ = _run(_model(_attention("masking_q", "masking_v", [None, None]), ["attention"]), [q, v])
        (own,), _ = _run(_model(_attention("masking_q", "masking_v"), ["attention"]), [q, v])
        np.testing.assert_array_equal(nulls, Attention.call({}, [], [q, v], [None, None])[0][0])
        np.testing.assert_array_equal(own, Attention.call({}, [], [q, v], [q_mask, v_mask])[0][0])

    def test_one_mask_tensor_is_refused(self):
        q, _, v, _ = _data()
        with self.assertRaisesRegex(case_io.CaseError, "must be a list of 2 or 3 masks"):
            _run(_model(_attention("q", "v", "any_q"), ["attention"]), [q, v])

    def test_causal_mask_and_scores_as_call_arguments(self):
        q, q_mask, v, v_mask = _data()
        model = _model(_attention("masking_q", "masking_v", use_causal_mask=True, return_attention_scores=True),
                       ["attention", ("attention", 1)])
        self.assertEqual(numpy_runner.describe_model(model)[0].by_name["attention"].output_shapes,
                         [[None, TQ, D], [None, TQ, TV]])
        (y, scores), _ = _run(model, [q, v])
        (ey, es), _ = Attention.call({}, [], [q, v], [q_mask, v_mask], use_causal_mask=True, return_attention_scores=True)
        np.testing.assert_array_equal(y, ey)
        np.testing.assert_array_equal(scores, es)
        self.assertTrue(np.all(scores[:, np.triu_indices(TQ, 1, TV)[0], np.triu_indices(TQ, 1, TV)[1]] < 1e-6))


class MultiHeadAttentionMasksTest(unittest.TestCase):
    CONFIG = dict(num_heads=2, key_dim=2)

    def _weights(self, model_json):
        _, shapes = numpy_runner.describe_model(model_json)
        rng = np.random.default_rng(3)
        return [rng.uniform(-0.5, 0.5, s).astype(np.float32) for s in shapes]

    def test_two_tensor_arguments_give_their_own_masks(self):
        q, q_mask, v, v_mask = _data()
        model = _model(("MultiHeadAttention", dict(self.CONFIG, name="mha"), ["masking_q", "masking_v"], {}), ["mha"])
        w = self._weights(model)
        (y,), (m,) = _run(model, [q, v], w)
        (expected,), _ = MultiHeadAttention.call(self.CONFIG, w, [q, v], [q_mask, v_mask])
        np.testing.assert_array_equal(y, expected)
        np.testing.assert_array_equal(m, q_mask)
        self.assertFalse(np.array_equal(y, MultiHeadAttention.call(self.CONFIG, w, [q, v], [None, None])[0][0]))

    def test_value_by_keyword_value_mask_used_query_mask_ignored(self):
        q, _, v, v_mask = _data()
        model = _model(("MultiHeadAttention", dict(self.CONFIG, name="mha"), ["q"],
                        {"value": "v", "query_mask": "any_q", "value_mask": "any_v"}), ["mha"])
        w = self._weights(model)
        (y,), (m,) = _run(model, [q, v], w)
        (expected,), _ = MultiHeadAttention.call(self.CONFIG, w, [q, v], [None, v_mask])
        np.testing.assert_array_equal(y, expected)
        self.assertIsNone(m)

    def test_a_tensor_read_after_the_attention_has_lost_its_mask(self):
        q, q_mask, v, _ = _data()
        config = dict(self.CONFIG, output_shape=D)
        model = _model(("MultiHeadAttention", dict(config, name="mha"), ["masking_q", "masking_q"], {}), ["mha"])
        model["config"]["layers"].append(keras_json.functional_model_json(
            [("q", [None, TQ, D])], [("Add", dict(name="add"), [["masking_q", "mha"]], {})], ["add"])["config"]["layers"][1])
        model["config"]["output_layers"] = [["add", 0, 0], ["mha", 0, 0]]
        w = self._weights(model)
        (added, attended), (m_add, m_att) = _run(model, [q, v], w)
        (expected,), _ = MultiHeadAttention.call(config, w, [q, q], [q_mask, q_mask])
        np.testing.assert_array_equal(attended, expected)
        np.testing.assert_array_equal(m_att, q_mask)
        np.testing.assert_allclose(added, q + expected, rtol=0, atol=1e-6)
        self.assertIsNone(m_add, "the Add sees masking_q unmasked after the attention deleted its mask")


if __name__ == "__main__":
    unittest.main()
