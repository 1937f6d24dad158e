"""Experiment: does the encoder's object-presence head make captions name fewer absent objects?

Greedy captions of a checkpoint with and without presence gating: a class word (the last word of a class's
name, plural or synonym, when that word names only this class) may only be generated when the presence head
gives its class a probability of at least `threshold`. Grounded metrics for each threshold, per split.

  bash scripts/python.sh -m captioner.gating --checkpoint runs/NAME/last.pt --data data/scenes \
      [--splits val test-comp test-style] [--count 300] [--thresholds 0 0.05 0.1 0.2] [--count-gate]

--count-gate adds the count gate (count_gate.py) at every threshold; the checkpoint needs a count head.
"""

import argparse
import json
import os

import numpy as np
import torch
from tqdm import tqdm

from .config import ModelConfig, config_from_dict
from .count_gate import CountGate
from .dataset import CaptionDataset, normalize_pixels
from .grounded import Grounder
from .model import Captioner
from .presence_gate import PhraseGate, class_phrases, gate_token_ids, training_free_bigrams
from .tokenizer import Tokenizer


def gate_mask(model: Captioner, gate_tokens: dict, threshold: float):
    """enc -> (B, V) bool: the class words each image may not say (presence below threshold)."""
    tokens = torch.tensor(list(gate_tokens.keys()), dtype=torch.long)
    classes = torch.tensor(list(gate_tokens.values()), dtype=torch.long)

    def banned(enc):
        presence = torch.sigmoid(model.object_logits(enc))  # (B, C)
        mask = torch.zeros(enc.shape[0], model.cfg.vocab_size, dtype=torch.bool)
        mask[:, tokens] = presence[:, classes] < threshold
        return mask

    return banned


def phrase_constraint(model: Captioner, gate: PhraseGate, threshold: float):
    """enc -> (tokens so far -> (B, V) bool): the presence gate read in context (PhraseGate)."""
    def per_image(enc):
        absent = (torch.sigmoid(model.object_logits(enc)) < threshold).tolist()

        def banned(history):
            mask = torch.zeros(len(absent), model.cfg.vocab_size, dtype=torch.bool)
            for b, row in enumerate(history.tolist()):
                mask[b, gate.banned_row(absent[b], row)] = True
            return mask
        return banned
    return per_image


def both(*constraints):
    """Several history-dependent bans as one."""
    def per_image(enc):
        parts = [c(enc) for c in constraints]
        return lambda history: torch.stack([p(history) for p in parts]).any(dim=0)
    return per_image


def count_constraint(model: Captioner, gate: CountGate):
    """enc -> (tokens so far -> (B, V) bool): the count gate's bans for each image's counts."""
    def per_image(enc):
        counts = model.object_counts(enc)
        return lambda history: gate.banned(counts, history, model.cfg.vocab_size)
    return per_image


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--checkpoint", required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--splits", nargs="+", default=["val", "test-comp", "test-style"])
    p.add_argument("--count", type=int, default=300)
    p.add_argument("--thresholds", nargs="+", type=float, default=[0.0, 0.05, 0.1, 0.2, 0.3])
    p.add_argument("--count-gate", action="store_true", help="also pair count words with the count head's counts")
    p.add_argument("--count-tolerance", type=float, default=0.5, help="the count gate's tolerance (count_gate.py)")
    p.add_argument("--phrase-gate", action="store_true", help="read class words in context (PhraseGate)")
    args = p.parse_args(argv)
    ckpt = torch.load(args.checkpoint, map_location="cpu")
    cfg = config_from_dict(ModelConfig, ckpt["model_config"])
    model = Captioner(cfg)
    model.load_state_dict(ckpt["model"])
    model.eval()
    tok = Tokenizer(ckpt["tokenizer"])
    with open(os.path.join(args.data, "classes.json"), encoding="utf-8") as f:
        classes = json.load(f)
    grounder = Grounder(classes)
    class_tokens = gate_token_ids(classes, tok)
    gate_tokens = {t: c for c, tokens in enumerate(class_tokens) for t in tokens}
    counting = count_constraint(model, CountGate(tok, class_tokens, tolerance=args.count_tolerance)) if args.count_gate else None
    phrases = PhraseGate(class_phrases(classes, tok), training_free_bigrams(args.data, classes, tok)) \
        if args.phrase_gate else None
    print(f"step {ckpt['step']}: {len(gate_tokens)} class words gated")
    results = {}
    for split in args.splits:
        ds = CaptionDataset(os.path.join(args.data, split), cfg.image_size)
        with open(os.path.join(args.data, split, f"scenes_{split}.json"), encoding="utf-8") as f:
            scenes = json.load(f)
        n = min(args.count, len(ds))
        for threshold in args.thresholds:
            # The presence gate as a fixed per-image ban (token rule) or read in context (phrase rule), plus the
            # count gate: the same for every batch of this threshold.
            banned = gate_mask(model, gate_tokens, threshold) if threshold > 0 and phrases is None else None
            parts = [counting] if counting else []
            if phrases is not None and threshold > 0:
                parts.append(phrase_constraint(model, phrases, threshold))
            constrain = both(*parts) if parts else None
            captions = {}
            for i in tqdm(range(0, n, 64), desc=f"{split} t={threshold}", leave=False):
                rows = np.arange(i, min(i + 64, n))
                pixels = normalize_pixels(ds.pixels[rows], cfg.image_size)
                with torch.autocast("cpu", dtype=torch.bfloat16):
                    ids = model.generate(pixels, banned=banned, constrain=constrain)
                for r, row in zip(rows, ids.tolist()):
                    captions[ds.image_ids[r]] = tok.decode(row)
            score = grounder.score(captions, scenes)
            results[f"{split}@{threshold}{'+count' if args.count_gate else ''}{'+phrase' if args.phrase_gate else ''}"] = score
            print(f"{split:10s} threshold {threshold:4.2f}: " +
                  " ".join(f"{k}={v:.3f}" for k, v in score.items() if isinstance(v, float)))
    return results


if __name__ == "__main__":
    main()
