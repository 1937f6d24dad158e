"""Reads a PyTorch state dict back out of an exported model directory (models/NAME), so a shipped model can be
fine-tuned (`train --init models/NAME`) when its training checkpoint is gone: checkpoints are not committed, the
model directory is.

The exporter names bias and norm initialisers after their parameters but gives MatMul and Conv weights anonymous
names (`onnx::MatMul_524`); the node that consumes each one is named after its module (`/encoder/blocks.0/attn/
c_attn/MatMul`), which is how they are mapped back. Two exported forms differ from the training modules:
- Linear weights are stored transposed (x @ W^T as MatMul(x, W^T));
- each stem Conv has its BatchNorm folded in. It comes back as the folded conv with an identity BatchNorm
  (mean 0, var 1 - eps, weight 1) whose bias is the folded bias: the same function in eval mode.
Heads that are not exported (the patch head) are simply absent; `load_state_dict(strict=False)` starts them fresh.
"""

import json
import math
import os

import numpy as np
import onnx
import torch
from onnx import numpy_helper

from .config import ModelConfig

BN_EPS = 1e-5  # torch.nn.BatchNorm2d's default, which make_stem uses


def _read_json(path: str):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _module_path(node_name: str, prefix: str = "") -> str:
    """'/encoder/blocks.0/attn/c_attn/MatMul' -> 'encoder.blocks.0.attn.c_attn';
    '/encoder/stem/stem.0/Conv' -> 'encoder.stem.0' (the Sequential's own name repeats in its children)."""
    parts = [p for p in node_name.split("/") if p][:-1]
    out = []
    for p in parts:
        if out and p.startswith(out[-1] + "."):
            p = p[len(out[-1]) + 1:]  # 'stem' then 'stem.0' -> 'stem', '0'
        out.append(p)
    return prefix + ".".join(out)


def _graph_weights(path: str, prefix: str = "") -> dict:
    model = onnx.load(path)
    inits = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    # The exporter stores identical tensors once (e.g. zero biases of an untrained model) and hands the copies out
    # through Identity nodes named after the parameters.
    for node in model.graph.node:
        if node.op_type == "Identity" and node.input[0] in inits:
            inits[node.output[0]] = inits[node.input[0]]
    state = {}
    for name, value in inits.items():
        if not name.startswith("onnx::"):
            key = name[len("model."):] if name.startswith("model.") else name  # the presence graph wraps `model`
            state[prefix + key if not key.startswith(prefix) else key] = torch.from_numpy(value.copy())
    for node in model.graph.node:
        anonymous = [i for i in node.input if i in inits and i.startswith("onnx::")]
        if not anonymous or node.op_type == "Identity":
            continue
        module = _module_path(node.name, prefix if not node.name.startswith(f"/{prefix.rstrip('.')}/") else "")
        if node.op_type == "MatMul":
            assert len(anonymous) == 1, f"{node.name}: one weight expected"
            state[f"{module}.weight"] = torch.from_numpy(inits[anonymous[0]].T.copy())
        elif node.op_type == "Conv":
            weight, *bias = anonymous
            state[f"{module}.weight"] = torch.from_numpy(inits[weight].copy())
            if bias:
                state[f"{module}.bias"] = torch.from_numpy(inits[bias[0]].copy())
        else:
            raise ValueError(f"{path}: unexpected anonymous weight on a {node.op_type} node ({node.name})")
    return state


def _unfold_stem(state: dict, cfg: ModelConfig) -> None:
    """Folded stem convs (conv i*3 with a bias) -> conv without bias + identity BatchNorm carrying the bias."""
    if cfg.stem != "conv":
        return
    for i in range(0, 3 * int(math.log2(cfg.patch_size)), 3):  # conv, BN, ReLU per stage; the 1x1 after keeps its bias
        bias = state.pop(f"encoder.stem.{i}.bias")
        c = bias.shape[0]
        bn = f"encoder.stem.{i + 1}"
        state[f"{bn}.weight"] = torch.ones(c)
        state[f"{bn}.bias"] = bias
        state[f"{bn}.running_mean"] = torch.zeros(c)
        state[f"{bn}.running_var"] = torch.full((c,), 1.0 - BN_EPS)
        state[f"{bn}.num_batches_tracked"] = torch.tensor(0)


def model_config_from_dir(model_dir: str, num_object_classes: int) -> ModelConfig:
    cfg = _read_json(os.path.join(model_dir, "config.json"))
    enc, dec, extra = cfg["encoder"], cfg["decoder"], cfg.get("captioner", {})
    assert extra.get("position_embedding") == "sincos-2d", f"{model_dir} was not exported by this project"
    return ModelConfig(image_size=enc["image_size"], patch_size=enc["patch_size"], stem=extra["stem"],
                       enc_layers=enc["num_hidden_layers"], dec_layers=dec["n_layer"], n_embd=dec["n_embd"],
                       n_head=dec["n_head"], vocab_size=dec["vocab_size"], max_len=dec["n_positions"],
                       num_object_classes=num_object_classes)


def load_model_dir(model_dir: str) -> dict:
    """Everything `train --init` needs from a model directory, in the shape of a training checkpoint."""
    onnx_dir = os.path.join(model_dir, "onnx")
    gate_path = os.path.join(model_dir, "object_gate.json")
    classes = [c["id"] for c in _read_json(gate_path)["classes"]] if os.path.exists(gate_path) else []
    cfg = model_config_from_dir(model_dir, len(classes))
    state = _graph_weights(os.path.join(onnx_dir, "encoder_model.onnx"), "encoder.")
    decoder = _graph_weights(os.path.join(onnx_dir, "decoder_model_merged.onnx"), "decoder.")
    lm_head = decoder.pop("decoder.lm_head.weight")
    assert torch.equal(lm_head, decoder["decoder.wte.weight"]), "the LM head must be tied to the token embedding"
    state.update(decoder)
    presence = os.path.join(onnx_dir, "object_presence_model.onnx")
    if classes and os.path.exists(presence):
        state.update(_graph_weights(presence))
        pooled_by = {n.op_type for n in onnx.load(presence).graph.node}
        cfg.aux_pool = "max" if "ReduceMax" in pooled_by else "mean"  # max over patches vs mean-pooled states
        if "count_head.weight" in state:
            cfg.count_loss = 1.0  # the head exists; a fine-tune without the count loss drops it explicitly
    _unfold_stem(state, cfg)
    words = [w for w, _ in sorted(_read_json(os.path.join(model_dir, "tokenizer.json"))["model"]["vocab"].items(),
                                  key=lambda kv: kv[1])]
    assert len(words) == cfg.vocab_size, f"tokenizer has {len(words)} words, config says {cfg.vocab_size}"
    return {"model": state, "model_config": {k: getattr(cfg, k) for k in cfg.__dataclass_fields__},
            "tokenizer": words, "classes": classes, "step": f"exported {os.path.basename(model_dir.rstrip('/'))}"}


__all__ = ["load_model_dir", "model_config_from_dir"]
