"""Several splits trained on as one (`train --train-splits train,train-real,train-nonobject`): emoji scenes,
real-world scenes and non-object screenshots live in their own split folders, each with its own pixel cache,
and are never copied into one. Rows are numbered through the splits in the order given."""

import numpy as np
import torch


class MixedDataset:
    def __init__(self, parts: list):
        assert parts, "at least one split"
        self.parts = parts
        self.offsets = np.cumsum([0] + [len(p) for p in parts])
        self.captions = [c for p in parts for c in p.captions]
        self.image_ids = [i for p in parts for i in p.image_ids]
        assert len(set(self.image_ids)) == len(self.image_ids), "image ids collide across the mixed splits"
        self.split_dir = parts[0].split_dir

    def __len__(self) -> int:
        return int(self.offsets[-1])

    def tokenize(self, tokenizer, max_len: int) -> None:
        for p in self.parts:
            p.tokenize(tokenizer, max_len)

    def load_objects(self, scenes_path_of, class_ids: list, grid: int = 0) -> None:
        """scenes_path_of: split folder -> its scenes_<split>.json."""
        for p in self.parts:
            p.load_objects(scenes_path_of(p.split_dir), class_ids, grid)

    def batch(self, rows: np.ndarray, caption_pick: np.ndarray):
        """As CaptionDataset.batch, rows drawn from any split; sequences padded to the longest in the batch."""
        part_of = np.searchsorted(self.offsets, rows, side="right") - 1
        pieces = []
        for k in np.unique(part_of):
            sel = np.nonzero(part_of == k)[0]
            pieces.append((sel, self.parts[k].batch(rows[sel] - self.offsets[k], caption_pick[sel])))
        order = np.concatenate([sel for sel, _ in pieces])
        inverse = torch.from_numpy(np.argsort(order))
        length = max(b[1].shape[1] for _, b in pieces)

        def pad(t):
            return torch.nn.functional.pad(t, (0, length - t.shape[1]))  # <pad> is 0

        out = [torch.cat([b[0] for _, b in pieces])[inverse],
               torch.cat([pad(b[1]) for _, b in pieces])[inverse],
               torch.cat([pad(b[2]) for _, b in pieces])[inverse]]
        for i in (3, 4, 5):  # object, patch and count targets: all parts have them or none does
            got = [b[i] for _, b in pieces]
            out.append(None if any(g is None for g in got) else torch.cat(got)[inverse])
        return tuple(out)


__all__ = ["MixedDataset"]
