"""Rewrites an exported model into the plain Optimum layout: no `attention_mask` input, no `cross_attentions.*`
outputs and no cross-attention cache graphs, as a vit-gpt2 export has. The server must still serve such a model (batching only rows at the same step);
tests use this to check that path on a real graph.

  bash scripts/python.sh -m captioner.plain_layout MODEL_DIR
"""

import json
import os
import sys

import onnx
from onnx import TensorProto, helper


def strip_decoder_extras(path: str) -> None:
    model = onnx.load(path)
    graph = model.graph
    mask = next(i for i in graph.input if i.name == "attention_mask")
    graph.input.remove(mask)
    # All ones over past + current: [batch, past_length + sequence_length] built from the other inputs' shapes.
    nodes = [
        helper.make_node("Shape", ["input_ids"], ["plain.ids_shape"]),
        helper.make_node("Shape", ["past_key_values.0.key"], ["plain.past_shape"]),
        helper.make_node("Gather", ["plain.ids_shape", "plain.zero"], ["plain.batch"], axis=0),
        helper.make_node("Gather", ["plain.ids_shape", "plain.one"], ["plain.seq"], axis=0),
        helper.make_node("Gather", ["plain.past_shape", "plain.two"], ["plain.past"], axis=0),
        # A past ignored by use_cache_branch = false counts as length 0.
        helper.make_node("Cast", ["use_cache_branch"], ["plain.use_cache"], to=TensorProto.INT64),
        helper.make_node("Mul", ["plain.past", "plain.use_cache"], ["plain.past_used"]),
        helper.make_node("Add", ["plain.past_used", "plain.seq"], ["plain.total"]),
        helper.make_node("Concat", ["plain.batch", "plain.total"], ["plain.mask_shape"], axis=0),
        helper.make_node("ConstantOfShape", ["plain.mask_shape"], ["attention_mask"],
                         value=helper.make_tensor("one", TensorProto.INT64, [1], [1])),
    ]
    for name, value in (("plain.zero", 0), ("plain.one", 1), ("plain.two", 2)):
        graph.initializer.append(helper.make_tensor(name, TensorProto.INT64, [1], [value]))
    for node in reversed(nodes):
        graph.node.insert(0, node)
    for output in [o for o in graph.output if o.name.startswith("cross_attentions.")]:
        graph.output.remove(output)
    onnx.checker.check_model(model)
    onnx.save(model, path)


def to_plain_layout(model_dir: str) -> None:
    strip_decoder_extras(os.path.join(model_dir, "onnx", "decoder_model_merged.onnx"))
    for extra in ("cross_kv_model.onnx", "decoder_cross_cached_model.onnx"):  # this project's fast path
        path = os.path.join(model_dir, "onnx", extra)
        if os.path.exists(path):
            os.remove(path)
    config_path = os.path.join(model_dir, "config.json")
    with open(config_path) as f:
        config = json.load(f)
    config.get("captioner", {}).update({"has_attention_mask": False, "has_cross_attentions": False})
    with open(config_path, "w") as f:
        json.dump(config, f, indent=2)


if __name__ == "__main__":
    assert len(sys.argv) == 2, "usage: plain_layout.py MODEL_DIR"
    to_plain_layout(sys.argv[1])
