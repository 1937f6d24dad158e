"""Exports a tiny randomly initialised captioner to OUT/model and writes PyTorch reference tensors for fixed
inputs to OUT/reference.json, for parity.test.ts to compare against onnxruntime-node.

  bash scripts/python.sh gpu-worker/test/parity/make_reference.py OUT
"""

import json
import os
import sys

import torch

from captioner.config import ModelConfig
from captioner.export import export_model
from captioner.model import Captioner
from captioner.tokenizer import BOS, PAD, Tokenizer

GREEDY_STEPS = 10


def as_json(t: torch.Tensor) -> dict:
    return {"dims": list(t.shape), "data": t.flatten().tolist()}


@torch.no_grad()
def main(out: str) -> None:
    torch.set_num_threads(1)
    torch.manual_seed(0)
    words = "a an one two three red green blue yellow ball balls cube cubes apple apples on grass sand of and".split()
    tok = Tokenizer.build([" ".join(words)])
    # Three object classes for the presence head, so the object gate's graph and file are exported and tested.
    classes = [{"id": "ball", "name": "ball", "plural": "balls"}, {"id": "cube", "name": "cube", "plural": "cubes"},
               {"id": "apple", "name": "apple", "plural": "apples"}]
    cfg = ModelConfig(image_size=32, patch_size=8, stem="conv", enc_layers=2, dec_layers=2, n_embd=32, n_head=4,
                      vocab_size=len(tok), max_len=16)
    model = Captioner(cfg).eval()
    for m in model.modules():  # non-trivial batch-norm statistics, so folding them into the graph is checked
        if isinstance(m, torch.nn.BatchNorm2d):
            m.running_mean.uniform_(-0.5, 0.5)
            m.running_var.uniform_(0.5, 2.0)
            m.weight.uniform_(0.5, 1.5)
            m.bias.uniform_(-0.2, 0.2)
    # Unit-scale weights rather than GPT-2's 0.02: the blocks, not the token embedding, then decide the next
    # token (so greedy tokens vary) and logits spread out (so greedy choices are far from ties).
    for name, p in model.named_parameters():
        if p.dim() >= 2 and "stem" not in name:
            torch.nn.init.normal_(p, std=1.0 if "wte" in name or "wpe" in name else p.shape[-1] ** -0.5)
    for name, p in model.named_parameters():  # let the image, not the positions, drive the captions
        if name.startswith("encoder.stem.") and name.endswith(".weight") and p.dim() == 4 and p.shape[-1] == 1:
            p.mul_(4.0)
        if ".cross." in name and p.dim() >= 2:
            p.mul_(3.0)
    for m in model.modules():  # random gains with either sign: the tied LM head stops predicting its input token
        if isinstance(m, torch.nn.LayerNorm):
            m.weight.normal_(0.0, 1.0)
            m.bias.normal_(0.0, 0.5)
    # The presence head is added last, from its own seed, so the rest of the model is the one it always was.
    cfg.num_object_classes, cfg.aux_object_loss, cfg.aux_pool = len(classes), 1.0, "max"
    with torch.random.fork_rng():
        torch.manual_seed(7)
        model.object_head = torch.nn.Linear(cfg.n_embd, len(classes))
        torch.nn.init.normal_(model.object_head.weight, std=cfg.n_embd ** -0.5)
        # and a count head whose counts spread over 0-4 objects, so the count gate has something to say
        cfg.count_loss = 1.0
        model.count_head = torch.nn.Linear(cfg.n_embd, len(classes))
        torch.nn.init.normal_(model.count_head.weight, std=cfg.n_embd ** -0.5)
        torch.nn.init.constant_(model.count_head.bias, -2.5)
    # Threshold 0 and no count gate: the gates ship but are off by default, so tests that compare with an ungated
    # search still hold.
    export_model(model, tok, os.path.join(out, "model"), classes=classes, presence_threshold=0.0, count_gate=False)

    tensors, numbers = {}, {"n_layer": cfg.dec_layers, "n_head": cfg.n_head, "head_size": cfg.head_size}
    # two clearly different images (a horizontal and a vertical colour ramp, plus noise) in [-1, 1]
    ramp = torch.linspace(-1, 1, cfg.image_size)
    noise = torch.rand(2, 3, cfg.image_size, cfg.image_size, generator=torch.Generator().manual_seed(1)) * 0.4 - 0.2
    pixels = torch.stack([ramp.view(1, 1, -1).expand(3, cfg.image_size, -1) * torch.tensor([1.0, -1.0, 0.5]).view(3, 1, 1),
                          ramp.view(1, -1, 1).expand(3, -1, cfg.image_size) * torch.tensor([-0.5, 1.0, -1.0]).view(3, 1, 1)])
    pixels = (pixels * 0.8 + noise).clamp(-1, 1)
    enc = model.encoder(pixels)
    tensors.update({"pixel_values": as_json(pixels), "encoder_hidden_states": as_json(enc),
                    "object_presence": as_json(torch.sigmoid(model.object_logits(enc))),
                    "object_counts": as_json(model.object_counts(enc))})

    def case(name, ids, mask, past=None):
        logits, presents, cross = model.decoder(ids, enc, attention_mask=mask, past=past)
        tensors.update({f"{name}.input_ids": as_json(ids), f"{name}.attention_mask": as_json(mask),
                        f"{name}.logits": as_json(logits), f"{name}.present.0.key": as_json(presents[0][0]),
                        f"{name}.cross_attentions.1": as_json(cross[1])})
        return presents

    ids = torch.tensor([[BOS, 4, 9, 14], [BOS, 6, 11, 5]])
    past = case("no_cache", ids, torch.ones(2, 4, dtype=torch.long))
    case("cached", torch.tensor([[17, 8], [12, 20]]), torch.ones(2, 6, dtype=torch.long), past)

    padded_ids = torch.tensor([[BOS, 4, 9, 14, 7], [PAD, PAD, BOS, 6, 11]])
    padded_mask = torch.tensor([[1, 1, 1, 1, 1], [0, 0, 1, 1, 1]])
    past = case("left_padded", padded_ids, padded_mask)
    case("left_padded_step", torch.tensor([[10], [13]]), torch.cat([padded_mask, torch.ones(2, 1, dtype=torch.long)], 1),
         past)
    short, _, _ = model.decoder(torch.tensor([[BOS, 6, 11]]), enc[1:])  # row 1 alone, unpadded
    tensors["left_padded.row1_unpadded_logits"] = as_json(short)

    # greedy decoding for GREEDY_STEPS steps with the cache, not stopping at <eos>
    ids, past, tokens, margin = torch.full((2, 1), BOS), None, [], float("inf")
    for _ in range(GREEDY_STEPS):
        logits, past, _ = model.decoder(ids, enc, past=past)
        top = logits[:, -1].topk(2, dim=-1).values
        margin = min(margin, float((top[:, 0] - top[:, 1]).min()))
        ids = logits[:, -1].argmax(-1, keepdim=True)
        tokens.append(ids)
    tensors["greedy.tokens"] = as_json(torch.cat(tokens, 1))
    numbers["greedy.min_margin"] = margin
    with open(os.path.join(out, "reference.json"), "w") as f:
        json.dump({"numbers": numbers, "tensors": tensors}, f)


if __name__ == "__main__":
    assert len(sys.argv) == 2, "usage: make_reference.py OUT_DIR"
    main(sys.argv[1])
