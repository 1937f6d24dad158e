import os

import numpy as np
import torch

from captioner.dataset import CaptionDataset
from captioner.mixed_dataset import MixedDataset
from captioner.tokenizer import Tokenizer
from captioner.train import train

from conftest import CLASSES, write_split

TINY = dict(image_size=32, patch_size=8, enc_layers=1, dec_layers=2, n_embd=32, n_head=4, max_len=12)


def test_a_mixed_batch_holds_each_rows_own_pixels_captions_and_targets(scenes_dir):
    write_split(scenes_dir, "extra", 10, seed=5)
    parts = [CaptionDataset(os.path.join(scenes_dir, s), 32) for s in ("train", "extra")]
    mixed = MixedDataset(parts)
    tok = Tokenizer.build([c for caps in mixed.captions for c in caps])
    mixed.tokenize(tok, 12)
    ids = [c["id"] for c in CLASSES]
    mixed.load_objects(lambda d: os.path.join(d, f"scenes_{os.path.basename(d)}.json"), ids)
    assert len(mixed) == 58
    rows = np.array([50, 3, 57, 0, 48])  # extra, train, extra, train, extra
    pick = np.array([0.1, 0.5, 0.9, 0.3, 0.7])
    pixels, inp, tgt, objects, _, counts = mixed.batch(rows, pick)
    for i, row in enumerate(rows):
        part, local = (parts[1], row - 48) if row >= 48 else (parts[0], row)
        p, a, b, o, _, c = part.batch(np.array([local]), pick[i:i + 1])
        assert torch.equal(pixels[i], p[0])
        n = a.shape[1]
        assert torch.equal(inp[i, :n], a[0]) and torch.equal(tgt[i, :n], b[0])
        assert bool((tgt[i, n:] == 0).all())  # longer rows' padding: ignored by the loss
        assert torch.equal(objects[i], o[0]) and torch.equal(counts[i], c[0])


def test_training_on_several_splits(scenes_dir, tmp_path):
    write_split(scenes_dir, "extra", 16, seed=5)
    out = str(tmp_path / "run")
    summary = train(scenes_dir, out, {**TINY, "aux_object_loss": 1.0},
                    dict(batch_size=8, warmup_steps=2, eval_interval=4, eval_images=8, eval_loss_images=8, threads=1,
                         samples=0, train_splits="train,extra", val_split="val"), steps=4, progress=False)
    assert summary["step"] == 4
    ckpt = torch.load(os.path.join(out, "last.pt"))
    assert ckpt["train_config"]["train_splits"] == "train,extra"
