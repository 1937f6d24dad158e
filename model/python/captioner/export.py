"""Exports a checkpoint as a Hugging Face / Optimum vision-encoder-decoder ONNX model directory
(docs/architecture.md has the contract; the shared model-format note what transformers.js needs).

  bash scripts/python.sh -m captioner.export --checkpoint runs/NAME/best.pt --out models/NAME

The merged decoder is ONE graph, not Optimum's `If` node with two branch graphs. `use_cache_branch` keeps
the same meaning: when it is false the past inputs are ignored. Inside the graph the past keys/values are
cut to their first `P * use_cache_branch` positions (index_select on NonZero of a position mask: a
data-dependent length the tracer can record) and attention_mask to its last `P * use_cache_branch + S`
columns. With the zero-length past that callers pass on the first step (as transformers.js does) the cut is
a no-op; with a non-empty past and use_cache_branch false the output is that of a fresh, uncached call.
Positions come from attention_mask (cumsum - 1), so left-padded rows of a batch decode together.
"""

import argparse
import json
import os
import shutil
import warnings

import onnx
import torch
import torch.nn as nn

from .config import ModelConfig, config_from_dict
from .dataset import preprocessor_config
from .model import Captioner
from .count_gate import CountGate
from .presence_gate import class_phrases, gate_token_ids, training_free_bigrams
from .tokenizer import BOS, EOS, PAD, Tokenizer

OPSET = 17


class EncoderGraph(nn.Module):
    def __init__(self, model: Captioner):
        super().__init__()
        self.encoder = model.encoder

    def forward(self, pixel_values):
        return self.encoder(pixel_values)  # (B, N, D)


class DecoderGraph(nn.Module):
    """Flat ONNX signature: input_ids, attention_mask, encoder_hidden_states, past (key, value) per layer,
    use_cache_branch -> logits, present (key, value) per layer, cross_attentions per layer."""

    def __init__(self, model: Captioner):
        super().__init__()
        self.decoder = model.decoder
        self.n_layer = model.cfg.dec_layers

    def forward(self, input_ids, attention_mask, encoder_hidden_states, *rest):
        *flat_past, use_cache_branch = rest
        assert len(flat_past) == 2 * self.n_layer, "one key and one value per layer"
        S = input_ids.shape[1]
        P = flat_past[0].shape[2]
        kept = P * use_cache_branch.long()  # (1,): P when the cache is used, else 0
        past_idx = torch.nonzero(torch.arange(P) < kept).squeeze(1)  # (kept,)
        past = [(flat_past[2 * i].index_select(2, past_idx), flat_past[2 * i + 1].index_select(2, past_idx))
                for i in range(self.n_layer)]
        M = attention_mask.shape[1]
        mask_idx = torch.nonzero(torch.arange(M) >= M - (kept + S)).squeeze(1)  # last kept + S columns
        logits, presents, cross = self.decoder(input_ids, encoder_hidden_states,
                                               attention_mask.index_select(1, mask_idx), past)
        return (logits, *[t for kv in presents for t in kv], *cross)


class CrossKVGraph(nn.Module):
    """Project extra: encoder states (I, N, D) -> per layer the cross-attention key and value (I, nh, N, hs)."""

    def __init__(self, model: Captioner):
        super().__init__()
        self.decoder = model.decoder

    def forward(self, encoder_hidden_states):
        return tuple(t for block in self.decoder.blocks for t in block.cross.cross_kv(encoder_hidden_states))


class CrossCachedDecoderGraph(nn.Module):
    """Project extra: the decoder with precomputed cross-attention keys/values. They are given once per image
    (I, nh, N, hs) with `row_image` (B,) naming each row's image, so K beams of a request share one copy and the
    K/V projections of the image patches are not recomputed at every step (they dominate a step's cost)."""

    def __init__(self, model: Captioner):
        super().__init__()
        self.decoder = model.decoder
        self.n_layer = model.cfg.dec_layers

    def forward(self, input_ids, attention_mask, row_image, *rest):
        cross_flat, past_flat = rest[: 2 * self.n_layer], rest[2 * self.n_layer:]
        cross = [(cross_flat[2 * i].index_select(0, row_image), cross_flat[2 * i + 1].index_select(0, row_image))
                 for i in range(self.n_layer)]
        past = [(past_flat[2 * i], past_flat[2 * i + 1]) for i in range(self.n_layer)]
        logits, presents, weights = self.decoder(input_ids, None, attention_mask, past, cross_kv=cross)
        return (logits, *[t for kv in presents for t in kv], *weights)


def cross_cached_io_names(n_layer: int):
    cross = [f"cross_key_values.{i}.{kind}" for i in range(n_layer) for kind in ("key", "value")]
    past = [f"past_key_values.{i}.{kind}" for i in range(n_layer) for kind in ("key", "value")]
    present = [f"present.{i}.{kind}" for i in range(n_layer) for kind in ("key", "value")]
    weights = [f"cross_attentions.{i}" for i in range(n_layer)]
    return cross, ["input_ids", "attention_mask", "row_image", *cross, *past], ["logits", *present, *weights]


def export_cross_cached(model: Captioner, onnx_dir: str) -> None:
    """Writes onnx/cross_kv_model.onnx and onnx/decoder_cross_cached_model.onnx (this project's fast path; the
    standard files stay complete on their own)."""
    cfg = model.cfg
    B, S, P, N, I = 3, 2, 2, cfg.grid ** 2, 2
    cross_names, inputs, outputs = cross_cached_io_names(cfg.dec_layers)
    kv_path = os.path.join(onnx_dir, "cross_kv_model.onnx")
    dec_path = os.path.join(onnx_dir, "decoder_cross_cached_model.onnx")
    enc = torch.randn(I, N, cfg.n_embd)
    with torch.no_grad(), warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=torch.jit.TracerWarning)
        torch.onnx.export(CrossKVGraph(model).eval(), (enc,), kv_path, opset_version=OPSET,
                          input_names=["encoder_hidden_states"], output_names=cross_names,
                          dynamic_axes={"encoder_hidden_states": {0: "image_batch", 1: "encoder_sequence_length"},
                                        **{n: {0: "image_batch", 2: "encoder_sequence_length"} for n in cross_names}})
        cross = [torch.randn(I, cfg.n_head, N, cfg.head_size) for _ in cross_names]
        past = [torch.randn(B, cfg.n_head, P, cfg.head_size) for _ in range(2 * cfg.dec_layers)]
        args = (torch.randint(4, cfg.vocab_size, (B, S)), torch.ones(B, P + S, dtype=torch.long),
                torch.tensor([0, 1, 1]), *cross, *past)
        total = "past_decoder_sequence_length + decoder_sequence_length"
        axes = {"input_ids": {0: "batch_size", 1: "decoder_sequence_length"},
                "attention_mask": {0: "batch_size", 1: total}, "row_image": {0: "batch_size"},
                "logits": {0: "batch_size", 1: "decoder_sequence_length"}}
        axes.update({n: {0: "image_batch", 2: "encoder_sequence_length"} for n in cross_names})
        axes.update({n: {0: "batch_size", 2: "past_decoder_sequence_length"} for n in inputs if n.startswith("past_")})
        axes.update({n: {0: "batch_size", 2: total} for n in outputs if n.startswith("present.")})
        axes.update({n: {0: "batch_size", 2: "decoder_sequence_length", 3: "encoder_sequence_length"}
                     for n in outputs if n.startswith("cross_attentions.")})
        torch.onnx.export(CrossCachedDecoderGraph(model).eval(), args, dec_path, opset_version=OPSET,
                          input_names=inputs, output_names=outputs, dynamic_axes=axes)
    for path in (kv_path, dec_path):
        onnx.checker.check_model(onnx.load(path), full_check=True)


class PresenceGraph(nn.Module):
    """encoder_hidden_states [B, N, D] -> object_presence [B, C]: the presence head's probabilities, and with a
    count head object_counts [B, C]: its estimated objects per class."""

    def __init__(self, model: Captioner):
        super().__init__()
        self.model = model

    def forward(self, encoder_hidden_states):
        presence = torch.sigmoid(self.model.object_logits(encoder_hidden_states))
        if self.model.count_head is None:
            return presence
        return presence, self.model.object_counts(encoder_hidden_states)


def export_object_gate(model: Captioner, tok: Tokenizer, classes: list, out_dir: str, threshold: float,
                       count_gate: bool = True, count_tolerance: float = 0.5, free: list = None) -> bool:
    """Writes onnx/object_presence_model.onnx and object_gate.json (see presence_gate.py; with a count head also
    count_gate.py's words, on by default when count_gate; free: the training captions' free bigrams, which let
    the phrase gate read a phrase's first words) when the model has a presence head and the classes are known.
    Returns whether it did."""
    cfg = model.cfg
    if model.object_head is None or not classes:
        return False
    assert len(classes) == cfg.num_object_classes, f"{len(classes)} classes for a head of {cfg.num_object_classes}"
    path = os.path.join(out_dir, "onnx", "object_presence_model.onnx")
    with torch.no_grad(), warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=torch.jit.TracerWarning)
        torch.onnx.export(PresenceGraph(model).eval(), (torch.randn(2, cfg.grid ** 2, cfg.n_embd),), path,
                          opset_version=OPSET, input_names=["encoder_hidden_states"],
                          output_names=["object_presence"] + (["object_counts"] if model.count_head else []),
                          dynamic_axes={"encoder_hidden_states": {0: "batch_size", 1: "encoder_sequence_length"},
                                        "object_presence": {0: "batch_size"}, "object_counts": {0: "batch_size"}})
    onnx.checker.check_model(onnx.load(path), full_check=True)
    gate = {"threshold": threshold,
            "classes": [{"id": c["id"], "token_ids": ids, "phrases": [list(p) for p in phrases]}
                        for c, ids, phrases in zip(classes, gate_token_ids(classes, tok), class_phrases(classes, tok))]}
    if free is not None:
        gate["free_bigrams"] = [list(pair) for pair in free]
    if model.count_head is not None:
        words = CountGate(tok, gate_token_ids(classes, tok), tolerance=count_tolerance)
        gate["count_gate"] = {"enabled": count_gate,
                              "count_words": [{"token_id": t, "count": n} for t, n in sorted(words.count_of.items())],
                              "boundary_token_ids": sorted(words.stop), "max_back": words.max_back,
                              "tolerance": count_tolerance}
    with open(os.path.join(out_dir, "object_gate.json"), "w") as f:
        json.dump(gate, f, indent=1)
        f.write("\n")
    return True


def decoder_io_names(n_layer: int):
    past = [f"past_key_values.{i}.{kv}" for i in range(n_layer) for kv in ("key", "value")]
    present = [f"present.{i}.{kv}" for i in range(n_layer) for kv in ("key", "value")]
    cross = [f"cross_attentions.{i}" for i in range(n_layer)]
    return ["input_ids", "attention_mask", "encoder_hidden_states", *past, "use_cache_branch"], \
        ["logits", *present, *cross]


def export_onnx(model: Captioner, onnx_dir: str) -> None:
    cfg = model.cfg
    os.makedirs(onnx_dir, exist_ok=True)
    # The wrappers must be in eval mode too: torch.onnx.export restores each wrapper's own mode afterwards,
    # and a wrapper left in training mode would switch the shared encoder's batch norm to training.
    model = model.float().eval()
    B, S, P, N = 2, 3, 2, cfg.grid ** 2  # trace with a past (P > 0) and several new tokens (S > 1)
    pixels = torch.randn(B, 3, cfg.image_size, cfg.image_size)
    enc_path, dec_path = os.path.join(onnx_dir, "encoder_model.onnx"), os.path.join(onnx_dir, "decoder_model_merged.onnx")
    with torch.no_grad(), warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=torch.jit.TracerWarning)
        warnings.filterwarnings("ignore", message="The shape inference of prim::Constant")
        torch.onnx.export(EncoderGraph(model).eval(), (pixels,), enc_path, opset_version=OPSET,
                          input_names=["pixel_values"], output_names=["last_hidden_state"],
                          dynamic_axes={"pixel_values": {0: "batch_size"},
                                        "last_hidden_state": {0: "batch_size", 1: "encoder_sequence_length"}})
        inputs, outputs = decoder_io_names(cfg.dec_layers)
        past = [torch.randn(B, cfg.n_head, P, cfg.head_size) for _ in range(2 * cfg.dec_layers)]
        args = (torch.randint(4, cfg.vocab_size, (B, S)), torch.ones(B, P + S, dtype=torch.long),
                torch.randn(B, N, cfg.n_embd), *past, torch.tensor([True]))
        total = "past_decoder_sequence_length + decoder_sequence_length"
        axes = {"input_ids": {0: "batch_size", 1: "decoder_sequence_length"},
                "attention_mask": {0: "batch_size", 1: total},
                "encoder_hidden_states": {0: "batch_size", 1: "encoder_sequence_length"},
                "logits": {0: "batch_size", 1: "decoder_sequence_length"}}
        for name in inputs[3:-1]:
            axes[name] = {0: "batch_size", 2: "past_decoder_sequence_length"}
        for name in outputs[1: 1 + 2 * cfg.dec_layers]:
            axes[name] = {0: "batch_size", 2: total}
        for name in outputs[1 + 2 * cfg.dec_layers:]:
            axes[name] = {0: "batch_size", 2: "decoder_sequence_length", 3: "encoder_sequence_length"}
        torch.onnx.export(DecoderGraph(model).eval(), args, dec_path, opset_version=OPSET, input_names=inputs,
                          output_names=outputs, dynamic_axes=axes)
    # The exporter loses the (fixed) width of the encoder output after LayerNorm: state it.
    enc = onnx.load(enc_path)
    dims = enc.graph.output[0].type.tensor_type.shape.dim
    dims[2].Clear()
    dims[2].dim_value = cfg.n_embd
    onnx.save(enc, enc_path)
    for path in (enc_path, dec_path):
        onnx.checker.check_model(onnx.load(path), full_check=True)
    export_cross_cached(model, onnx_dir)


def hf_configs(cfg: ModelConfig, length_penalty: float = 1.0) -> dict:
    ids = {"decoder_start_token_id": BOS, "bos_token_id": BOS, "eos_token_id": EOS, "pad_token_id": PAD}
    config = {
        "architectures": ["VisionEncoderDecoderModel"],
        "model_type": "vision-encoder-decoder",
        "is_encoder_decoder": True,
        **ids,
        "encoder": {"model_type": "vit", "image_size": cfg.image_size, "patch_size": cfg.patch_size,
                    "hidden_size": cfg.n_embd, "num_hidden_layers": cfg.enc_layers,
                    "num_attention_heads": cfg.n_head, "intermediate_size": 4 * cfg.n_embd, "num_channels": 3,
                    "hidden_act": "gelu", "layer_norm_eps": 1e-5, "qkv_bias": True},
        "decoder": {"model_type": "gpt2", "n_layer": cfg.dec_layers, "n_head": cfg.n_head, "n_embd": cfg.n_embd,
                    "vocab_size": cfg.vocab_size, "n_positions": cfg.max_len, "add_cross_attention": True,
                    "is_decoder": True, "activation_function": "gelu", "layer_norm_epsilon": 1e-5,
                    "tie_word_embeddings": True, **ids},
        "captioner": {"stem": cfg.stem, "position_embedding": "sincos-2d", "has_attention_mask": True,
                      "has_cross_attentions": True, "merged_decoder": "single graph (no If node)",
                      "cross_cached_decoder": "onnx/cross_kv_model.onnx + onnx/decoder_cross_cached_model.onnx",
                      "caption_normalization": "lowercase, apostrophes deleted, other punctuation to spaces"},
    }
    generation = {**ids, "max_length": cfg.max_len, "num_beams": 3, "length_penalty": length_penalty,
                  "early_stopping": False, "no_repeat_ngram_size": 0}
    return {"config.json": config, "generation_config.json": generation,
            "preprocessor_config.json": preprocessor_config(cfg.image_size)}


def model_card(name: str, cfg: ModelConfig, params: int, ckpt: dict) -> str:
    m = ckpt.get("metrics") or {}
    rows = "\n".join(f"| {k} | {v:.4g} |" if isinstance(v, float) else f"| {k} | {v} |" for k, v in m.items())
    return f"""# {name}

Image captioner trained from scratch in this repository (model/python/captioner): a ViT encoder
({cfg.stem} stem, {cfg.image_size} px, {cfg.grid}x{cfg.grid} tokens, {cfg.enc_layers} layers) and a GPT-2-style
decoder ({cfg.dec_layers} layers, cross-attention) of width {cfg.n_embd} with {cfg.n_head} heads,
{params / 1e6:.2f}M parameters, word-level vocabulary of {cfg.vocab_size}.

Trained {ckpt.get("step", "?")} steps on `{os.path.basename(str(ckpt.get("data", "?")))}`. Captions are in
lower case without punctuation. Decoder inputs: `attention_mask` (left padding) as well as the Optimum names;
outputs: `cross_attentions.{{i}}`. `use_cache_branch` is handled inside one graph (see export.py).

## Metrics at export (validation split)
| metric | value |
| --- | --- |
{rows}
"""


def export_model(model: Captioner, tok: Tokenizer, out_dir: str, ckpt: dict = None, attribution: str = "",
                 classes: list = None, presence_threshold: float = 0.0, count_gate: bool = True,
                 count_tolerance: float = 0.5, length_penalty: float = 1.0) -> None:
    """classes (classes.json; default: the training data's), presence_threshold and count_gate configure the
    object gate; length_penalty is the beam search's default (generation_config.json)."""
    ckpt = ckpt or {}
    cfg = model.cfg
    assert len(tok) == cfg.vocab_size, f"tokenizer has {len(tok)} words, model {cfg.vocab_size}"
    os.makedirs(out_dir, exist_ok=True)
    for name, content in hf_configs(cfg, length_penalty).items():
        with open(os.path.join(out_dir, name), "w") as f:
            json.dump(content, f, indent=2)
            f.write("\n")
    tok.save(out_dir, cfg.max_len)
    export_onnx(model, os.path.join(out_dir, "onnx"))
    data = str(ckpt.get("data", ""))
    if classes is None and os.path.isfile(os.path.join(data, "classes.json")):
        with open(os.path.join(data, "classes.json"), encoding="utf-8") as f:
            classes = json.load(f)
    export_object_gate(model, tok, classes or [], out_dir, presence_threshold, count_gate, count_tolerance,
                       training_free_bigrams(data, classes or [], tok))
    name = os.path.basename(os.path.normpath(out_dir))
    with open(os.path.join(out_dir, "README.md"), "w") as f:
        f.write(model_card(name, cfg, model.num_params(), ckpt))
    found = [p for p in [attribution, os.path.join(data, "ATTRIBUTION.md"), os.path.join(data, "train", "ATTRIBUTION.md")]
             if p and os.path.isfile(p)]
    if found:
        shutil.copyfile(found[0], os.path.join(out_dir, "ATTRIBUTION.md"))
    else:
        with open(os.path.join(out_dir, "ATTRIBUTION.md"), "w") as f:
            f.write(f"# Attribution\n\nWeights trained in this repository on `{data or 'unknown data'}`; "
                    "no third-party weights. The training data's own ATTRIBUTION.md was not found at export.\n")


def load_checkpoint(path: str):
    ckpt = torch.load(path, map_location="cpu")
    model = Captioner(config_from_dict(ModelConfig, ckpt["model_config"]))
    model.load_state_dict(ckpt["model"])
    return model.eval(), Tokenizer(ckpt["tokenizer"]), ckpt


def main(argv=None):
    p = argparse.ArgumentParser(description="Export a checkpoint as an ONNX model directory.")
    p.add_argument("--checkpoint", required=True, help="runs/NAME/best.pt or last.pt")
    p.add_argument("--out", required=True, help="model directory, e.g. models/NAME")
    p.add_argument("--attribution", default="", help="ATTRIBUTION.md to ship (default: the training data's)")
    p.add_argument("--classes", default="", help="classes.json of the presence head (default: the training data's)")
    p.add_argument("--presence-threshold", type=float, default=0.0,
                   help="object_gate.json's default: ban a class's words below this presence probability (0: off)")
    p.add_argument("--count-gate", choices=["on", "off"], default="on",
                   help="object_gate.json's default for the count gate (models with a count head)")
    p.add_argument("--count-tolerance", type=float, default=0.5,
                   help="how far the count head's estimate may be from a stated count (count_gate.py)")
    p.add_argument("--length-penalty", type=float, default=1.0,
                   help="generation_config.json's beam ranking: log-probability / length ** this (Hugging Face's)")
    args = p.parse_args(argv)
    model, tok, ckpt = load_checkpoint(args.checkpoint)
    classes = None
    if args.classes:
        with open(args.classes, encoding="utf-8") as f:
            classes = json.load(f)
    export_model(model, tok, args.out, ckpt, args.attribution, classes, args.presence_threshold,
                 args.count_gate == "on", args.count_tolerance, args.length_penalty)
    print(f"exported step {ckpt.get('step')} to {args.out}")


if __name__ == "__main__":
    main()
