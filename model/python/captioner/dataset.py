"""COCO-captions data sets: `<split_dir>/captions_<split>.json` plus an images folder.

All images are decoded once into one uint8 memmap (`<split_dir>/images_<size>px.u8.npy`, (N, H, W, 3)) so
training reads pixels without decoding. Images not at image_size are resized with PIL's BILINEAR (the one
resize used everywhere, see docs/architecture.md) after dropping alpha (no compositing, as the runtime does).
Batches are a pure function of (seed, step): resuming at a step replays exactly the same data.
"""

import json
import os

import numpy as np
import torch
from PIL import Image
from tqdm import tqdm

from .tokenizer import PAD, Tokenizer


def preprocessor_config(image_size: int) -> dict:
    """preprocessor_config.json of the exported model; training normalises pixels by the same numbers."""
    return {
        "image_processor_type": "ViTImageProcessor",
        "feature_extractor_type": "ViTFeatureExtractor",
        "do_resize": True,
        "size": {"height": image_size, "width": image_size},
        "resample": 2,  # PIL.Image.BILINEAR
        "do_rescale": True,
        "rescale_factor": 1 / 255,
        "do_normalize": True,
        "image_mean": [0.5, 0.5, 0.5],
        "image_std": [0.5, 0.5, 0.5],
    }


def load_image(path: str, image_size: int) -> np.ndarray:
    """(H, W, 3) uint8 at image_size, RGB."""
    with Image.open(path) as f:
        img = f.convert("RGB")
    if img.size != (image_size, image_size):
        img = img.resize((image_size, image_size), Image.BILINEAR)
    return np.asarray(img, dtype=np.uint8)


def normalize_pixels(images_u8: np.ndarray, image_size: int) -> torch.Tensor:
    """(B, H, W, 3) uint8 -> (B, 3, H, W) float32 with the preprocessor's rescale and mean/std."""
    pre = preprocessor_config(image_size)
    x = torch.from_numpy(np.ascontiguousarray(images_u8)).permute(0, 3, 1, 2).float() * pre["rescale_factor"]
    mean = torch.tensor(pre["image_mean"]).view(1, 3, 1, 1)
    std = torch.tensor(pre["image_std"]).view(1, 3, 1, 1)
    return (x - mean) / std


def find_captions_file(split_dir: str) -> str:
    split = os.path.basename(os.path.normpath(split_dir))
    path = os.path.join(split_dir, f"captions_{split}.json")
    if os.path.exists(path):
        return path
    found = sorted(f for f in os.listdir(split_dir) if f.startswith("captions_") and f.endswith(".json"))
    assert len(found) == 1, f"{split_dir}: expected captions_{split}.json (or exactly one captions_*.json)"
    return os.path.join(split_dir, found[0])


class CaptionDataset:
    def __init__(self, split_dir: str, image_size: int, images_dir: str = ""):
        self.split_dir = split_dir
        self.image_size = image_size
        self.captions_path = find_captions_file(split_dir)
        with open(self.captions_path, encoding="utf-8") as f:
            coco = json.load(f)
        self.images = coco["images"]  # [{"id", "file_name", ...}] in file order
        assert self.images, f"{self.captions_path} lists no images"
        row = {img["id"]: i for i, img in enumerate(self.images)}
        self.captions = [[] for _ in self.images]
        for ann in coco["annotations"]:
            self.captions[row[ann["image_id"]]].append(ann["caption"])
        missing = [img["id"] for img, caps in zip(self.images, self.captions) if not caps]
        assert not missing, f"{self.captions_path}: images without captions, e.g. {missing[:5]}"
        self.image_ids = [img["id"] for img in self.images]
        self.images_dir = images_dir or os.path.join(split_dir, "images")
        self.pixels = self._pixel_cache()  # (N, H, W, 3) uint8 memmap
        self.tokens = None  # set by tokenize()
        self.object_targets = None  # set by load_objects()
        self.patch_targets = None  # set by load_objects(grid=...)
        self.count_targets = None  # set by load_objects()

    def __len__(self) -> int:
        return len(self.images)

    def _pixel_cache(self) -> np.ndarray:
        n, s = len(self.images), self.image_size
        path = os.path.join(self.split_dir, f"images_{s}px.u8.npy")
        if os.path.exists(path) and os.path.getmtime(path) >= os.path.getmtime(self.captions_path):
            cache = np.load(path, mmap_mode="r")
            if cache.shape == (n, s, s, 3) and cache.dtype == np.uint8:
                return cache
        tmp = path + ".tmp"
        cache = np.lib.format.open_memmap(tmp, mode="w+", dtype=np.uint8, shape=(n, s, s, 3))
        for i, img in enumerate(tqdm(self.images, desc=f"caching {os.path.basename(self.split_dir)} images",
                                     unit="img", dynamic_ncols=True)):
            cache[i] = load_image(os.path.join(self.images_dir, img["file_name"]), s)
        cache.flush()
        del cache
        os.replace(tmp, path)  # a killed build leaves only the .tmp file behind
        return np.load(path, mmap_mode="r")

    def tokenize(self, tokenizer: Tokenizer, max_len: int) -> None:
        """All captions as <bos> words <eos> right-padded with <pad> to max_len: (total captions, max_len)."""
        seqs, self.first, self.count = [], [], []
        for caps in self.captions:
            self.first.append(len(seqs))
            self.count.append(len(caps))
            seqs += [tokenizer.encode(c, max_len) for c in caps]
        self.tokens = np.full((len(seqs), max_len), PAD, dtype=np.int64)
        for i, s in enumerate(seqs):
            self.tokens[i, : len(s)] = s
        self.first, self.count = np.array(self.first), np.array(self.count)

    def load_objects(self, scenes_path: str, class_ids: list, grid: int = 0) -> None:
        """Multi-hot object presence and object counts per image from scenes_<split>.json, in classes.json order:
        (N, C) each; with
        grid > 0 also a class per encoder patch, row-major (N, grid * grid): 0 for background, 1 + class index
        for the object whose visible box holds the patch centre (objects later in the record drawn on top)."""
        col = {c: i for i, c in enumerate(class_ids)}
        with open(scenes_path, encoding="utf-8") as f:
            scenes = {s["image_id"]: s for s in json.load(f)}
        self.object_targets = np.zeros((len(self), len(class_ids)), dtype=np.float32)
        self.count_targets = np.zeros((len(self), len(class_ids)), dtype=np.float32)
        self.patch_targets = np.zeros((len(self), grid * grid), dtype=np.int64) if grid else None
        centres = (np.arange(grid) + 0.5) * self.image_size / max(grid, 1)  # patch centres in pixels
        for r, image_id in enumerate(self.image_ids):
            for obj in scenes[image_id]["objects"]:
                self.object_targets[r, col[obj["class"]]] = 1.0
                self.count_targets[r, col[obj["class"]]] += int(obj.get("count", 1))
                if self.patch_targets is None:
                    continue
                labels = self.patch_targets[r].reshape(grid, grid)
                for x, y, w, h in obj.get("boxes", []):
                    inside_y = (centres >= y) & (centres < y + h)
                    inside_x = (centres >= x) & (centres < x + w)
                    labels[np.ix_(inside_y, inside_x)] = 1 + col[obj["class"]]

    def batch(self, rows: np.ndarray, caption_pick: np.ndarray):
        """rows: image rows; caption_pick: floats in [0, 1) choosing one caption per row.
        Returns pixels (B, 3, H, W), input_ids (B, L - 1), targets (B, L - 1), object targets (B, C) or None,
        patch targets (B, N) or None, count targets (B, C) or None,
        with L the longest sequence in the batch (padding columns beyond it are dropped)."""
        assert self.tokens is not None, "call tokenize() first"
        order = np.argsort(rows)  # memmap reads in file order
        pixels = np.empty((len(rows), self.image_size, self.image_size, 3), dtype=np.uint8)
        pixels[order] = self.pixels[rows[order]]
        cap = self.first[rows] + np.minimum((caption_pick * self.count[rows]).astype(np.int64), self.count[rows] - 1)
        seq = self.tokens[cap]  # (B, max_len)
        length = int((seq != PAD).sum(axis=1).max())
        seq = torch.from_numpy(seq[:, :length])
        objects = None if self.object_targets is None else torch.from_numpy(self.object_targets[rows])
        patches = None if self.patch_targets is None else torch.from_numpy(self.patch_targets[rows])
        counts = None if self.count_targets is None else torch.from_numpy(self.count_targets[rows])
        return normalize_pixels(pixels, self.image_size), seq[:, :-1], seq[:, 1:], objects, patches, counts


class BatchSchedule:
    """Batch rows and caption choices as a pure function of (seed, step): epochs are random permutations
    (the last incomplete batch of an epoch is dropped), so a resumed run sees exactly the same batches."""

    def __init__(self, n: int, batch_size: int, seed: int):
        assert n >= batch_size, f"data set of {n} images is smaller than one batch of {batch_size}"
        self.n, self.batch_size, self.seed = n, batch_size, seed
        self.steps_per_epoch = n // batch_size
        self._epoch, self._perm = -1, None

    def __call__(self, step: int):
        epoch, i = divmod(step, self.steps_per_epoch)
        if epoch != self._epoch:
            self._epoch, self._perm = epoch, np.random.default_rng([self.seed, epoch]).permutation(self.n)
        rows = self._perm[i * self.batch_size: (i + 1) * self.batch_size]
        pick = np.random.default_rng([self.seed, 7919, step]).random(self.batch_size)
        return rows, pick, epoch
