"""`train --init`: start a new run from another run's checkpoint or from an exported model directory, on data
whose vocabulary and class list may be larger (real-world classes added to the emoji ones).

Old token ids keep their words (new words are appended), so the token embedding's old rows carry over as they
are; the object, count and patch heads' rows are carried over by class id. New rows start from the model's own
initialisation, which is what a freshly built model of the grown size would have.
"""

import json
import os

import torch

from .onnx_weights import load_model_dir
from .tokenizer import Tokenizer


def load_init(path: str) -> dict:
    """A training checkpoint (.pt) or a model directory, in the checkpoint's shape (model, model_config,
    tokenizer, classes, step)."""
    if os.path.isdir(path):
        return load_model_dir(path)
    start = torch.load(path, map_location="cpu")
    if "classes" not in start:  # checkpoints before 2026-12-04 name their data folder, not their classes
        classes_path = os.path.join(str(start.get("data", "")), "classes.json")
        if os.path.isfile(classes_path):
            with open(classes_path, encoding="utf-8") as f:
                start["classes"] = [c["id"] for c in json.load(f)]
    return start


def grown_tokenizer(old: Tokenizer, captions, min_count: int) -> Tokenizer:
    """old's words in their order, then the words of `captions` it lacks (most frequent first)."""
    new = Tokenizer.build(captions, min_count)
    known = set(old.words)
    return Tokenizer(old.words + [w for w in new.words if w not in known])


def _class_rows(old_classes: list, new_classes: list, offset: int = 0) -> list:
    """For each new row, the old row holding the same class (or None): rows [0, offset) are not classes."""
    where = {c: i for i, c in enumerate(old_classes)}
    rows = list(range(offset))
    return rows + [where[c] + offset if c in where else None for c in new_classes]


def _take_rows(old: torch.Tensor, fresh: torch.Tensor, rows: list) -> torch.Tensor:
    out = fresh.clone()
    for new_row, old_row in enumerate(rows):
        if old_row is not None:
            out[new_row] = old[old_row]
    return out


def grow_state(start_state: dict, fresh_state: dict, old_vocab: int, old_classes: list, new_classes: list) -> dict:
    """start_state resized to fresh_state's shapes: token rows kept by id, head rows by class id."""
    rows_for = {
        "decoder.wte.weight": list(range(old_vocab)),
        "decoder.lm_head.weight": list(range(old_vocab)),  # tied to wte
        "object_head": _class_rows(old_classes, new_classes),
        "count_head": _class_rows(old_classes, new_classes),
        "patch_head": _class_rows(old_classes, new_classes, offset=1),  # row 0 is "background"
    }
    out = {}
    for key, value in start_state.items():
        if key not in fresh_state or fresh_state[key].shape == value.shape:
            out[key] = value
            continue
        head = key.rsplit(".", 1)[0]
        rows = rows_for.get(key, rows_for.get(head))
        assert rows is not None, f"{key}: shape {tuple(value.shape)} -> {tuple(fresh_state[key].shape)}, no rule"
        out[key] = _take_rows(value, fresh_state[key], rows[: fresh_state[key].shape[0]])
    return out


__all__ = ["grow_state", "grown_tokenizer", "load_init"]
