"""Recomputes a case from its own files with the NumPy layers (python/numpy_layers).

An interpreter of the case's model.json, Keras 3 layout:
  * `Sequential` (layers in order, the first an InputLayer, or a first layer carrying
    batch_shape / batch_input_shape) and `Functional` (`inbound_nodes` whose args and kwargs hold
    `__keras_tensor__` references by `keras_history` [layer, node, tensor]; several inputs and
    outputs; `initial_state` and `mask` kwargs; list args for merge layers; the legacy Keras 2
    node lists too);
  * every layer class comes from numpy_layers.REGISTRY (protocol in numpy_layers/__init__.py);
  * masks travel with each tensor as Keras 3.15.1's Layer.__call__ moves them: a layer called
    with exactly one tensor argument gets that argument's mask(s); with more (initial_state) it
    gets none unless mask= is given explicitly, and its output mask is then computed from the
    first argument's mask (so an RNN given initial_state runs unmasked, as Keras does);
    mask= may be a list with None entries (Attention's [query_mask, value_mask]: None is no
    mask; a nested model's: None keeps the input's own); a spec with mask_style
    "per_argument" (MultiHeadAttention) gets every input's own mask, replaced by its
    mask_keywords (value_mask=, key_mask=) when given; call_keywords name tensor keywords
    (query=, value=, key=) that follow the positional inputs in that order;
  * weights come from the case's weight files, matched to layers by the `layer` field (the
    top-level layer, or a layer nested in it such as Bidirectional's forward_lstm or
    TimeDistributed's dense) in get_weights() order; inputs from its run files;
  * stateful layers carry their states from one run to the next unless the run says
    reset_states.
Safe to call in-process (pythonnet): it raises case_io.CaseError naming the case, file and
field, it never exits.
"""
import inspect
import os

import numpy as np

import case_io
import numpy_layers

REGISTRY = numpy_layers.REGISTRY
SUPPORTED = tuple(sorted(REGISTRY))
_CONTEXT_KWARGS = ("training",)
# How a call's masks reach a layer (a spec's mask_style; see numpy_layers/__init__.py).
MASK_ARGUMENT, MODEL_INPUTS, PER_ARGUMENT = "mask_argument", "model_inputs", "per_argument"


class _Ref:
    """A reference to output `tensor` of call `node` of layer `layer` (Keras's keras_history)."""
    __slots__ = ("layer", "node", "tensor")

    def __init__(self, layer, node, tensor):
        self.layer, self.node, self.tensor = layer, node, tensor

    def key(self):
        return (self.layer, self.node, self.tensor)


class _Carried:
    """A value (an array, or a shape when symbolic) with the Keras mask attached to it."""
    __slots__ = ("value", "mask")

    def __init__(self, value, mask):
        self.value, self.mask = value, mask


class _Previous:
    """In a Sequential model: every output of the layer before (a list when it has several)."""
    __slots__ = ("layer",)

    def __init__(self, layer):
        self.layer = layer


class _Layer:
    def __init__(self, index, name, class_name, config, spec, field, key=None):
        self.index, self.name, self.class_name, self.config, self.spec = index, name, class_name, config, spec
        self.key = key or class_name   # the registry key ("ops.NotEqual" for a Keras operation)
        self.field = field       # where model.json defines it, for error messages
        self.nodes = []          # (args, kwargs) per call, in inbound_nodes order
        self.weight_shapes = None
        self.output_shapes = None
        self.output_count = None


class Graph:
    """A parsed model: its layers (model.layers order), input and output references."""

    def __init__(self, kind, layers, inputs, outputs, model_layers):
        self.kind, self.layers, self.inputs, self.outputs = kind, layers, inputs, outputs
        self.model_layers = model_layers   # the layers of model.layers (Sequential: no InputLayer)
        self.by_name = {layer.name: layer for layer in layers}


# ---------------------------------------------------------------- parsing

def _decode(case_dir, value, field):
    """A serialized call argument with its keras tensors as _Ref."""
    if isinstance(value, list):
        return [_decode(case_dir, v, f"{field}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, dict):
        cls = value.get("class_name")
        cfg = value.get("config")
        if cls == "__keras_tensor__":
            history = (cfg or {}).get("keras_history")
            if not (isinstance(history, list) and len(history) == 3 and isinstance(history[0], str)
                    and isinstance(history[1], int) and isinstance(history[2], int)):
                case_io.fail(case_dir, "model.json", f"{field}.config.keras_history",
                             f"{history!r} is not [layer name, node index, tensor index]")
            return _Ref(*history)
        if cls == "__tuple__":
            return _decode(case_dir, (cfg or {}).get("value", []), f"{field}.config.value")
        if cls in ("__numpy__", "__tensor__"):
            return np.array(cfg["value"], dtype=cfg["dtype"])
        return {k: _decode(case_dir, v, f"{field}.{k}") for k, v in value.items()}
    return value


def _legacy_node(case_dir, node, field):
    """Keras 2's [[layer, node, tensor, kwargs], ...] as (args, kwargs)."""
    refs, kwargs = [], {}
    for i, entry in enumerate(node):
        if not (isinstance(entry, list) and len(entry) in (3, 4) and isinstance(entry[0], str)):
            case_io.fail(case_dir, "model.json", f"{field}[{i}]", f"{entry!r} is not [layer, node, tensor, kwargs]")
        refs.append(_Ref(entry[0], entry[1], entry[2]))
        if len(entry) == 4 and isinstance(entry[3], dict):
            kwargs = _decode(case_dir, entry[3], f"{field}[{i}][3]")
    return [refs[0] if len(refs) == 1 else refs], kwargs


OPS_PREFIX = "ops."


def _registry_key(raw):
    """A Keras operation (module keras.src.ops.*) is registered as "ops.<class>": the operation Add
    and the merging layer Add share a class name (as in the C# LayerFactory)."""
    module = raw.get("module")
    cls = raw.get("class_name")
    if isinstance(module, str) and (module.startswith("keras.src.ops") or module.startswith("keras.ops")):
        return OPS_PREFIX + str(cls)
    return cls


def _spec(case_dir, class_name, name, field, key=None):
    spec = REGISTRY.get(key or class_name)
    if spec is None:
        case_io.fail(case_dir, "model.json", f"{field}.class_name",
                     f"layer {name!r} has class {class_name!r}, which the NumPy runner cannot run "
                     f"(it knows {', '.join(SUPPORTED)})")
    return spec


def _is_operation(layer):
    """Keras operations (NotEqual, Any, ...) are graph nodes but not in model.layers."""
    return layer.key in numpy_layers.OPERATIONS or layer.key.startswith(OPS_PREFIX) \
        or bool(getattr(layer.spec, "operation", False))


def _layer_entry(case_dir, raw, index, field):
    if not isinstance(raw, dict) or not isinstance(raw.get("config"), dict):
        case_io.fail(case_dir, "model.json", field, "needs class_name and a config object")
    cfg = raw["config"]
    name = cfg.get("name", raw.get("name"))
    if not isinstance(name, str):
        case_io.fail(case_dir, "model.json", f"{field}.config.name", "missing or not a string")
    cls, key = raw.get("class_name"), _registry_key(raw)
    return _Layer(index, name, cls, cfg, _spec(case_dir, cls, name, field, key), field, key)


def _refs(case_dir, value, field):
    """input_layers / output_layers: one [name, node, tensor] or a list of them."""
    if isinstance(value, list) and len(value) == 3 and isinstance(value[0], str):
        return [_Ref(*value)]
    if isinstance(value, list) and all(isinstance(v, list) and len(v) == 3 and isinstance(v[0], str) for v in value):
        return [_Ref(*v) for v in value]
    if isinstance(value, dict):  # Keras 3 may nest them in a dict; order is the dict's
        return [r for k, v in value.items() for r in _refs(case_dir, v, f"{field}.{k}")]
    case_io.fail(case_dir, "model.json", field, f"{value!r} is not [layer, node, tensor] or a list of them")


def _input_layer_config(case_dir, first, model_cfg):
    """The InputLayer that a Sequential without one gets from its first layer (as Keras does)."""
    cfg = first.get("config") if isinstance(first, dict) else None
    shape = None
    for key in ("batch_shape", "batch_input_shape"):
        if isinstance(cfg, dict) and isinstance(cfg.get(key), list):
            shape = cfg[key]
    if shape is None and isinstance(model_cfg.get("build_input_shape"), list):
        shape = model_cfg["build_input_shape"]
    if shape is None:
        case_io.fail(case_dir, "model.json", "config.layers[0]",
                     "must be an InputLayer, or a layer with batch_shape / batch_input_shape")
    return {"class_name": "InputLayer", "config": {"batch_shape": list(shape), "name": "input_layer",
                                                   "dtype": (cfg or {}).get("dtype", "float32")}}


def parse_model(case_dir, model_json):
    """The model.json of a case as a Graph; CaseError naming the field when it cannot be run."""
    file = "model.json"
    kind = model_json.get("class_name") if isinstance(model_json, dict) else None
    cfg = model_json.get("config") if isinstance(model_json, dict) else None
    if kind not in ("Sequential", "Functional", "Model") or not isinstance(cfg, dict):
        case_io.fail(case_dir, file, "class_name",
                     f"{kind!r}: the NumPy runner interprets Sequential and Functional models")
    raw_layers = cfg.get("layers")
    if not isinstance(raw_layers, list) or not raw_layers:
        case_io.fail(case_dir, file, "config.layers", "missing or empty")

    if kind == "Sequential":
        synthetic = not (isinstance(raw_layers[0], dict) and raw_layers[0].get("class_name") == "InputLayer")
        entries = ([_input_layer_config(case_dir, raw_layers[0], cfg)] if synthetic else []) + raw_layers
        layers = []
        for i, raw in enumerate(entries):
            k = i - 1 if synthetic else i
            layers.append(_layer_entry(case_dir, raw, i, f"config.layers[{k}]" if k >= 0 else "config.layers[0]"))
        if sum(layer.class_name == "InputLayer" for layer in layers) != 1:
            case_io.fail(case_dir, file, "config.layers", "a Sequential model has exactly one InputLayer, first")
        for prev, layer in zip(layers, layers[1:]):
            layer.nodes.append(([_Previous(prev.name)], {}))
        return Graph("Sequential", layers, [_Ref(layers[0].name, 0, 0)], [_Previous(layers[-1].name)], layers[1:])

    layers = [_layer_entry(case_dir, raw, i, f"config.layers[{i}]") for i, raw in enumerate(raw_layers)]
    model_layers = [layer for layer in layers if not _is_operation(layer)]
    for layer, raw in zip(layers, raw_layers):
        nodes = raw.get("inbound_nodes", [])
        if not isinstance(nodes, list):
            case_io.fail(case_dir, file, f"{layer.field}.inbound_nodes", "not a list")
        for n, node in enumerate(nodes):
            field = f"{layer.field}.inbound_nodes[{n}]"
            if isinstance(node, list):
                layer.nodes.append(_legacy_node(case_dir, node, field))
            elif isinstance(node, dict):
                args = _decode(case_dir, node.get("args", []), f"{field}.args")
                kwargs = _decode(case_dir, node.get("kwargs", {}), f"{field}.kwargs")
                layer.nodes.append((list(args), dict(kwargs)))
            else:
                case_io.fail(case_dir, file, field, "not a node object")
        if layer.class_name != "InputLayer" and not layer.nodes:
            case_io.fail(case_dir, file, f"{layer.field}.inbound_nodes",
                         f"layer {layer.name!r} is never called in the graph")
    graph = Graph("Functional", layers, _refs(case_dir, cfg.get("input_layers"), "config.input_layers"),
                  _refs(case_dir, cfg.get("output_layers"), "config.output_layers"), model_layers)
    for ref in graph.inputs:
        if ref.layer not in graph.by_name or graph.by_name[ref.layer].class_name != "InputLayer":
            case_io.fail(case_dir, file, "config.input_layers", f"{ref.layer!r} is not an InputLayer of the model")
    return graph


# ---------------------------------------------------------------- running the graph

def _flatten(value):
    if isinstance(value, list):
        return [x for v in value for x in _flatten(v)]
    if isinstance(value, dict):
        return [x for v in value.values() for x in _flatten(v)]
    return [value]


def _is_ref(value):
    return isinstance(value, (_Ref, _Previous))


def _has_refs(value):
    flat = _flatten(value)
    return bool(flat) and all(_is_ref(v) or v is None for v in flat) and any(_is_ref(v) for v in flat)


_SIGNATURES = {}


def _accepts(spec, name, method="call"):
    """Whether spec.<method> takes keyword `name` (state, call_args, call_kwargs, a call option)."""
    call = getattr(spec, method)  # the key holds the function, so a dropped spec's id cannot be mistaken for it
    if call not in _SIGNATURES:
        try:
            _SIGNATURES[call] = set(inspect.signature(call).parameters)
        except (TypeError, ValueError):
            _SIGNATURES[call] = set()
    return name in _SIGNATURES[call]


class _Runner:
    """Executes the graph on values (arrays, or shapes when symbolic) carried with their masks."""

    def __init__(self, case_dir, graph, symbolic, weights=None, states=None, run=None):
        self.case_dir, self.graph, self.symbolic = case_dir, graph, symbolic
        self.weights, self.states, self.run = weights or {}, states if states is not None else {}, run
        self.values = {}

    def fail(self, layer, problem, field=None):
        where = f" in run {self.run}" if self.run is not None else ""
        case_io.fail(self.case_dir, "model.json", field or layer.field,
                     f"layer {layer.name!r} ({layer.class_name}){where}: {problem}")

    def resolve(self, layer, value):
        if isinstance(value, _Previous):
            prev = self.graph.by_name[value.layer]
            outs = [self.values[(prev.name, 0, t)] for t in range(prev.output_count)]
            return outs[0] if len(outs) == 1 else outs
        if isinstance(value, _Ref):
            if value.key() not in self.values:
                self.fail(layer, f"its input {list(value.key())} is not an output of the model's graph")
            return self.values[value.key()]
        if isinstance(value, list):
            return [self.resolve(layer, v) for v in value]
        if isinstance(value, dict):
            return {k: self.resolve(layer, v) for k, v in value.items()}
        return value

    def ready(self, value):
        if isinstance(value, _Previous):
            return (value.layer, 0, 0) in self.values
        if isinstance(value, _Ref):
            return value.key() in self.values
        return all(self.ready(v) for v in _flatten(value) if _is_ref(v)) if isinstance(value, (list, dict)) else True

    def execute(self, model_inputs, input_masks=None, with_masks=False):
        """The model's outputs (with with_masks, also their masks); input_masks as Functional.call(mask=...)."""
        masks = list(input_masks) if input_masks is not None else [None] * len(model_inputs)
        for ref, value, mask in zip(self.graph.inputs, model_inputs, masks):
            layer = self.graph.by_name[ref.layer]
            if self.symbolic:
                layer.output_shapes, layer.output_count, layer.weight_shapes = [value], 1, []
            self.values[(layer.name, 0, 0)] = _Carried(value, mask)
        pending = [(layer, n) for layer in self.graph.layers if layer.class_name != "InputLayer"
                   for n in range(len(layer.nodes))]
        while pending:
            progress = [(layer, n) for layer, n in pending if self.ready(layer.nodes[n])]
            if not progress:
                layer, n = pending[0]
                self.fail(layer, f"inbound node {n} waits on tensors nothing produces (a cycle or a missing layer)")
            for layer, n in progress:
                self.call_node(layer, n)
            done = {(layer.name, n) for layer, n in progress}
            pending = [(layer, n) for layer, n in pending if (layer.name, n) not in done]
        carried = []
        for ref in self.graph.outputs:
            got = self.resolve(self.graph.layers[-1], ref)
            carried.extend(got if isinstance(got, list) else [got])
        if with_masks:
            return [c.value for c in carried], [c.mask for c in carried]
        return [c.value for c in carried]

    def call_node(self, layer, n):
        args, kwargs = layer.nodes[n]
        spec = layer.spec
        style = getattr(spec, "mask_style", MASK_ARGUMENT)
        keywords = tuple(getattr(spec, "call_keywords", ()))       # tensor keywords (MHA: query, value, key)
        mask_keywords = tuple(getattr(spec, "mask_keywords", ()))  # per-argument masks (MHA: value_mask, ...)
        special = ("initial_state", "mask") + keywords + mask_keywords
        unknown = [k for k, v in kwargs.items() if k not in special and _has_refs(v)]
        if unknown:
            self.fail(layer, f"tensor argument(s) {', '.join(unknown)} are not supported yet")
        tensor_args = [a for a in args if _has_refs(a)]
        constants = [None if _has_refs(a) else a for a in args]
        call_kwargs = {k: v for k, v in kwargs.items() if k not in special + _CONTEXT_KWARGS and not _has_refs(v)}
        resolved = [self.resolve(layer, a) for a in tensor_args]
        given_keywords = [k for k in keywords if kwargs.get(k) is not None]
        resolved += [self.resolve(layer, kwargs[k]) for k in given_keywords]
        flat = [p for a in resolved for p in _flatten(a)]
        if _is_operation(layer) and any(c is not None for c in constants) and not _accepts(spec, "call_args"):
            # An operation such as NotEqual(x, 0.0) takes its constants among its inputs, in place.
            flat, constants = self.with_constants(layer, args), [None] * len(args)
        initial = kwargs.get("initial_state")
        if initial is not None:
            flat += _flatten(self.resolve(layer, initial))
        inputs = [c.value for c in flat]
        own = [c.mask for c in flat]
        mask_arg = kwargs.get("mask")
        given_masks = [k for k in mask_keywords if kwargs.get(k) is not None]
        count = len(tensor_args) + len(given_keywords) + (initial is not None) + (mask_arg is not None) + len(given_masks)
        first = [c.mask for c in _flatten(resolved[0])] if resolved else []
        explicit = None
        if style == PER_ARGUMENT:
            # MultiHeadAttention: value_mask/key_mask filled from each argument unless given; the call reads
            # query._keras_mask itself, so query_mask= is ignored (Keras 3.15.1).
            call_masks = list(own)
            for i, k in enumerate(mask_keywords):
                if 0 < i < len(inputs) and kwargs.get(k) is not None:
                    call_masks[i] = self.resolve(layer, kwargs[k]).value
            explicit = call_masks
        elif mask_arg is not None:
            lengths = getattr(spec, "mask_list_lengths", ())
            if isinstance(mask_arg, list):
                if lengths is not None and len(mask_arg) not in lengths:
                    self.fail(layer, f"a list of {len(mask_arg)} masks is not supported yet" if not lengths else
                              f"mask= must be a list of {' or '.join(map(str, lengths))} masks, got {len(mask_arg)}")
            elif lengths:
                self.fail(layer, f"mask= must be a list of {' or '.join(map(str, lengths))} masks, got one tensor")
            entries = [None if c is None else c.value for c in _flatten(self.resolve(layer, mask_arg))]
            entries = (entries + [None] * len(inputs))[:len(inputs)]
            # A nested model sets only the masks given (Functional.call); Attention's None entry means no mask.
            call_masks = [e if e is not None else o for e, o in zip(entries, own)] if style == MODEL_INPUTS else entries
            explicit = call_masks
        elif count == 1:
            call_masks = own
        else:
            call_masks = [None] * len(inputs)
        previous = explicit if explicit is not None else \
            call_masks if any(m is not None for m in call_masks) else first + [None] * (len(inputs) - len(first))
        try:
            if self.symbolic:
                outputs = self.symbolic_call(layer, n, inputs, call_kwargs)
                masks = [None] * len(outputs)
            else:
                outputs, masks = self.numeric_call(layer, inputs, call_masks, constants, call_kwargs)
                if any(p is not c for p, c in zip(previous, call_masks)) and hasattr(spec, "compute_mask"):
                    masks = spec.compute_mask(layer.config, inputs, previous)
        except case_io.CaseError:
            raise
        except Exception as e:  # a spec's refusal or a shape error: name the layer
            self.fail(layer, f"{type(e).__name__}: {e}")
        if getattr(spec, "deletes_input_masks", False) and not self.symbolic:
            self.forget_masks(inputs)
        masks = list(masks or []) + [None] * (len(outputs) - len(masks or []))
        for t, (value, mask) in enumerate(zip(outputs, masks)):
            self.values[(layer.name, n, t)] = _Carried(value, mask)

    def forget_masks(self, given):
        """Keras's set_keras_mask(x, None) on the very arrays a call was given (MultiHeadAttention):
        every value holding one of them (an identity layer passes its input array on) is unmasked
        for the nodes that run later."""
        for key, carried in list(self.values.items()):
            if carried.mask is not None and any(carried.value is g for g in given):
                self.values[key] = _Carried(carried.value, None)

    def with_constants(self, layer, args):
        flat = []
        for a in args:
            if _has_refs(a):
                flat.extend(_flatten(self.resolve(layer, a)))
            else:
                value = np.asarray(a, np.float32) if not isinstance(a, np.ndarray) else a
                flat.append(_Carried(list(value.shape) if self.symbolic else value, None))
        return flat

    def symbolic_call(self, layer, n, input_shapes, call_kwargs=None):
        options = {k: v for k, v in (call_kwargs or {}).items() if _accepts(layer.spec, k, "output_shapes")}
        shapes = [list(s) for s in layer.spec.output_shapes(layer.config, input_shapes, **options)]
        if n == 0:
            layer.weight_shapes = [(w, tuple(s)) for w, s in layer.spec.weight_shapes(layer.config, input_shapes)]
            layer.output_shapes, layer.output_count = shapes, len(shapes)
        return shapes

    def numeric_call(self, layer, inputs, masks, constants, call_kwargs):
        extra = {}
        if _accepts(layer.spec, "state"):
            extra["state"] = self.states.setdefault(layer.name, {})
        if any(c is not None for c in constants):
            if not _accepts(layer.spec, "call_args"):
                raise ValueError(f"constant call arguments {constants!r} are not supported yet")
            extra["call_args"] = constants
        # Call options the spec takes by name (Attention's use_causal_mask); the rest as call_kwargs.
        named = {k: v for k, v in call_kwargs.items() if k not in ("state", "call_args", "call_kwargs") and _accepts(layer.spec, k)}
        extra.update(named)
        rest = {k: v for k, v in call_kwargs.items() if k not in named}
        if rest:
            if not _accepts(layer.spec, "call_kwargs"):
                raise ValueError(f"call arguments {sorted(rest)} are not supported yet")
            extra["call_kwargs"] = rest
        outputs, masks = layer.spec.call(layer.config, self.weights.get(layer.name, []), inputs, masks, **extra)
        return list(outputs), list(masks)


# ---------------------------------------------------------------- shapes, params, weights

def _input_shapes(case_dir, graph):
    shapes = []
    for i, ref in enumerate(graph.inputs):
        layer = graph.by_name[ref.layer]
        try:
            shapes.append(layer.spec.batch_shape(layer.config))
        except (ValueError, AttributeError) as e:
            case_io.fail(case_dir, "model.json", f"{layer.field}.config", str(e))
    return shapes


def symbolic(case_dir, graph):
    """Runs the graph on shapes: sets every layer's output shapes and weight shapes; the model's output shapes."""
    return _Runner(case_dir, graph, True).execute(_input_shapes(case_dir, graph))


def _params(layer):
    return int(sum(int(np.prod(s)) for _, s in layer.weight_shapes))


def _non_trainable(layer):
    if layer.config.get("trainable") is False:
        return _params(layer)
    names = getattr(layer.spec, "non_trainable_weights", None)
    if names is None:
        return 0
    fixed = set(names(layer.config))
    return int(sum(int(np.prod(s)) for w, s in layer.weight_shapes if w in fixed))


def _owned_names(config):
    """Names of the layers nested in a layer's config (Bidirectional's halves, TimeDistributed's layer)."""
    names = set()
    values = config.values() if isinstance(config, dict) else config if isinstance(config, list) else []
    for value in values:
        if isinstance(value, dict) and isinstance(value.get("config"), dict) and "class_name" in value:
            inner = value["config"]
            if isinstance(inner.get("name"), str):
                names.add(inner["name"])
            names |= _owned_names(inner)
        elif isinstance(value, list):  # a nested model's layers
            names |= _owned_names(value)
    return names


def assign_weights(case_dir, graph, weights):
    """{layer name: [array]} from the case's [(entry, array)], by each entry's `layer` field."""
    owner = {}
    for layer in graph.layers:
        for name in {layer.name} | _owned_names(layer.config):
            owner.setdefault(name, layer.name)
    by_layer = {}
    for i, (entry, array) in enumerate(weights):
        name = entry.get("layer")
        if name not in owner:
            case_io.fail(case_dir, "case.json", f"weights[{i}].layer",
                         f"weight for layer {name!r}, which model.json does not have")
        by_layer.setdefault(owner[name], []).append((i, entry, array))
    assigned = {}
    for layer in graph.layers:
        mine, shapes = by_layer.get(layer.name, []), layer.weight_shapes or []
        if len(mine) != len(shapes):
            case_io.fail(case_dir, "case.json", "weights",
                         f"layer {layer.name!r} needs {len(shapes)} weights "
                         f"({', '.join(n for n, _ in shapes) or 'none'}), the case gives {len(mine)}")
        arrays = []
        for (i, entry, array), (wname, shape) in zip(mine, shapes):
            if tuple(array.shape) != tuple(shape):
                case_io.fail(case_dir, entry.get("file"), f"weights[{i}]",
                             f"{layer.name}/{wname} has shape {tuple(array.shape)}, expected {tuple(shape)}")
            arrays.append(array)
        assigned[layer.name] = arrays
    return assigned


# ---------------------------------------------------------------- a case

def _check_inputs(case_dir, run, r, inputs, shapes):
    if len(inputs) != len(shapes):
        case_io.fail(case_dir, "case.json", f"runs[{r}].inputs",
                     f"the model takes {len(shapes)} input(s), the run gives {len(inputs)}")
    for i, (x, shape) in enumerate(zip(inputs, shapes)):
        if x.ndim != len(shape) or any(s is not None and s != n for s, n in zip(shape, x.shape)):
            case_io.fail(case_dir, run["inputs"][i].get("file"), f"runs[{r}].inputs[{i}]",
                         f"shape {x.shape} does not fit the input's batch_shape {shape}")


def _executed_runs(case_dir, doc, graph):
    """Builds the parsed model with the case's weights and runs the case's runs in order (stateful
    layers carry their states between runs until a run resets them); yields (run, runner, outputs)."""
    symbolic(case_dir, graph)
    assigned = assign_weights(case_dir, graph, case_io.load_weights(case_dir, doc))
    shapes = _input_shapes(case_dir, graph)
    states = {}
    for r, (run, inputs) in enumerate(zip(doc["runs"], case_io.load_run_inputs(case_dir, doc))):
        _check_inputs(case_dir, run, r, inputs, shapes)
        if run.get("reset_states"):
            states = {}
        runner = _Runner(case_dir, graph, False, assigned, states, r)
        outputs = runner.execute(inputs)
        yield run, runner, outputs


def compute(case_dir):
    """The case recomputed; outputs as NumPy arrays (used by regen and the tests)."""
    case_dir = os.fspath(case_dir)
    doc = case_io.read_case(case_dir)
    model_json = case_io.read_json(case_dir, doc["model"], "model")
    graph = parse_model(case_dir, model_json)
    runs = [{"reset_states": bool(run.get("reset_states", False)), "outputs": [np.asarray(o) for o in outputs]}
            for run, _, outputs in _executed_runs(case_dir, doc, graph)]

    result = {"name": doc["name"], "reference": "numpy", "runs": runs}
    result.update(_metadata(graph))
    result.update(summary=None, summary_line_length=doc["expected"].get("summary_line_length"))
    return result


def run_case_with_numpy(case_dir):
    """Outputs of every run, output shapes, per-layer shapes and params and the totals of a case.

    Returns a JSON-able dict: {"name", "reference", "runs": [{"reset_states", "outputs":
    [{"shape", "dtype", "data"}]}], "output_shapes", "layers", "total_params",
    "trainable_params", "non_trainable_params", "summary": None, "summary_line_length"}.
    Raises case_io.CaseError naming the case, file and field when the case cannot be run.
    """
    return case_io.jsonable_result(compute(case_dir))


# ---------------------------------------------------------------- in memory (live parity, catalogue)

def describe_model(model_json, where="model"):
    """(graph, weight shapes in get_weights() order) of a model.json dict; CaseError when it cannot run."""
    graph = parse_model(where, model_json)
    symbolic(where, graph)
    return graph, [shape for layer in graph.layers for _, shape in layer.weight_shapes]


def run_model(model_json, weights, runs, reset_states=None, where="model"):
    """Runs a model.json dict in memory: weights in get_weights() order, runs a list of input lists.

    Returns (outputs per run, result metadata as compute() gives it: output_shapes, layers,
    total_params, trainable_params, non_trainable_params). Stateful layers carry their states
    from one run to the next unless reset_states[r] is true.
    """
    graph, shapes = describe_model(model_json, where)
    if len(weights) != len(shapes):
        case_io.fail(where, "weights", None, f"the model has {len(shapes)} weights, got {len(weights)}")
    assigned, k = {}, 0
    for layer in graph.layers:
        n = len(layer.weight_shapes)
        arrays = [np.asarray(w) for w in weights[k:k + n]]
        for (wname, shape), array in zip(layer.weight_shapes, arrays):
            if tuple(array.shape) != tuple(shape):
                case_io.fail(where, "weights", layer.name,
                             f"{layer.name}/{wname} has shape {tuple(array.shape)}, expected {tuple(shape)}")
        assigned[layer.name], k = arrays, k + n
    states, outputs = {}, []
    input_shapes = _input_shapes(where, graph)
    for r, inputs in enumerate(runs):
        if len(inputs) != len(input_shapes):
            case_io.fail(where, "inputs", f"runs[{r}]", f"the model takes {len(input_shapes)} input(s), got {len(inputs)}")
        if reset_states is not None and reset_states[r]:
            states = {}
        outputs.append(_Runner(where, graph, False, assigned, states, r).execute([np.asarray(x) for x in inputs]))
    return outputs, _metadata(graph)


def _metadata(graph):
    layers = [{"name": layer.name, "class_name": layer.class_name, "output_shapes": layer.output_shapes,
               "params": _params(layer)} for layer in graph.model_layers]
    total = int(sum(_params(layer) for layer in graph.layers))
    fixed = int(sum(_non_trainable(layer) for layer in graph.layers))
    return {"output_shapes": _model_output_shapes(graph), "layers": layers,
            "total_params": total, "trainable_params": total - fixed, "non_trainable_params": fixed}


def _model_output_shapes(graph):
    shapes = []
    for ref in graph.outputs:
        layer = graph.by_name[ref.layer]
        shapes.extend(layer.output_shapes if isinstance(ref, _Previous) else [layer.output_shapes[ref.tensor]])
    return shapes


# ---------------------------------------------------------------- nested models

def nested_graph(config, where):
    """The Graph of a Sequential or Functional model used as a layer, from its config alone
    (a Functional config has input_layers, a Sequential one does not)."""
    kind = "Functional" if "input_layers" in config else "Sequential"
    return parse_model(where, {"class_name": kind, "config": config})


def nested_symbolic(graph, input_shapes, where):
    """Output shapes of a nested model run on the outer input shapes; sets its layers' weight shapes."""
    return _Runner(where, graph, True).execute([list(s) for s in input_shapes])


def nested_call(graph, weights, inputs, masks, state, where):
    """A nested model called on inputs with masks (Functional.call(mask=...)): outputs and their masks."""
    assigned, k = {}, 0
    for layer in graph.layers:
        n = len(layer.weight_shapes or [])
        assigned[layer.name], k = list(weights[k:k + n]), k + n
    if k != len(weights):
        raise ValueError(f"the nested model has {k} weights, got {len(weights)}")
    return _Runner(where, graph, False, assigned, state).execute(inputs, masks, with_masks=True)


# ---------------------------------------------------------------- layer by layer (rnnparity diff)

def _unregistered(model_json):
    """[(name, class_name)] of the model's layers the registry has no NumPy layer for."""
    cfg = model_json.get("config") if isinstance(model_json, dict) else None
    raw_layers = cfg.get("layers") if isinstance(cfg, dict) else None
    missing = []
    for raw in raw_layers if isinstance(raw_layers, list) else []:
        if isinstance(raw, dict) and _registry_key(raw) not in REGISTRY:
            name = (raw.get("config") or {}).get("name", raw.get("name"))
            missing.append((str(name), str(raw.get("class_name"))))
    return missing


def layer_outputs(case_dir):
    """Every layer's outputs for every run of a case, for rnnparity diff's layer-by-layer check.

    Returns {"runs": [[{"name", "class_name", "call", "outputs": [array]}]] in model.layers order
    (each call of a shared layer in inbound_nodes order; InputLayers and Keras operations left out),
    "unchecked": [{"name", "class_name", "reason"}]}. The interpreter runs whole graphs, so when
    a layer has no NumPy layer, "runs" is None and "unchecked" names that layer (and the reason
    says nothing else could be checked). Raises case_io.CaseError when the case cannot be read.
    """
    case_dir = os.fspath(case_dir)
    doc = case_io.read_case(case_dir)
    model_json = case_io.read_json(case_dir, doc["model"], "model")
    missing = _unregistered(model_json)
    if missing:
        return {"runs": None, "unchecked": [
            {"name": n, "class_name": c, "reason": "no NumPy layer for this class, so the model cannot run layer by layer"}
            for n, c in missing]}
    graph = parse_model(case_dir, model_json)
    runs = []
    for _, runner, _ in _executed_runs(case_dir, doc, graph):
        layers = []
        for layer in graph.model_layers:
            if layer.class_name == "InputLayer":
                continue
            for n in range(len(layer.nodes)):
                outputs = [np.asarray(runner.values[(layer.name, n, t)].value, dtype=np.float32)
                           for t in range(layer.output_count)]
                layers.append({"name": layer.name, "class_name": layer.class_name, "call": n, "outputs": outputs})
        runs.append(layers)
    return {"runs": runs, "unchecked": []}
