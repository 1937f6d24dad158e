"""Tiny synthetic COCO-format scene data sets and a tiny model config, so every test runs in seconds."""

import json
import os
import random

import pytest
import torch
from PIL import Image, ImageDraw

from captioner.config import ModelConfig

torch.set_num_threads(1)  # two cores are shared with other work; tiny models gain nothing from more

CLASSES = [
    {"id": 0, "name": "apple", "plural": "apples", "synonyms": [], "category": "food"},
    {"id": 1, "name": "ball", "plural": "balls", "synonyms": ["sphere", "spheres"], "category": "toy"},
    {"id": 2, "name": "traffic light", "plural": "traffic lights", "synonyms": [], "category": "street"},
]
COLOURS = {"red": (220, 30, 30), "blue": (30, 60, 220), "green": (30, 180, 60)}
NUMBERS = ["a", "two", "three"]


def tiny_config(**overrides) -> ModelConfig:
    base = dict(image_size=32, patch_size=8, stem="conv", enc_layers=1, dec_layers=2, n_embd=32, n_head=4,
                vocab_size=20, max_len=12)
    return ModelConfig(**{**base, **overrides})


def write_split(root: str, split: str, n: int, seed: int, size: int = 32, odd_size_every: int = 0) -> None:
    rng = random.Random(seed)
    os.makedirs(os.path.join(root, split, "images"))
    images, annotations, scenes = [], [], []
    for i in range(n):
        image_id = seed * 1000 + i
        cls, colour, count = rng.choice(CLASSES), rng.choice(list(COLOURS)), rng.randint(1, 3)
        s = size + 8 if odd_size_every and i % odd_size_every == 0 else size  # some need a resize
        img = Image.new("RGB", (s, s), (240, 240, 240))
        draw = ImageDraw.Draw(img)
        for k in range(count):
            x = 2 + k * s // 3
            shape = [draw.ellipse, draw.rectangle, draw.polygon][cls["id"]]
            if cls["id"] == 2:
                shape([(x, s - 4), (x + 4, 4), (x + 8, s - 4)], fill=COLOURS[colour])
            else:
                shape([x, s // 3, x + s // 4, 2 * s // 3], fill=COLOURS[colour])
        name = f"{image_id:07d}.png"
        img.save(os.path.join(root, split, "images", name))
        images.append({"id": image_id, "file_name": name, "width": s, "height": s})
        noun = cls["name"] if count == 1 else cls["plural"]
        for j, template in enumerate(["{n} {c} {o} on a grey background.", "There are {n} {c} {o}!"]):
            annotations.append({"id": len(annotations), "image_id": image_id,
                                "caption": template.format(n=NUMBERS[count - 1], c=colour, o=noun)})
        scenes.append({"image_id": image_id, "style": "flat", "background": "grey",
                       "objects": [{"class": cls["id"], "count": count, "color": colour, "boxes": []}]})
    with open(os.path.join(root, split, f"captions_{split}.json"), "w") as f:
        json.dump({"info": {}, "images": images, "annotations": annotations}, f)
    with open(os.path.join(root, split, f"scenes_{split}.json"), "w") as f:
        json.dump(scenes, f)


@pytest.fixture
def scenes_dir(tmp_path) -> str:
    root = str(tmp_path / "scenes")
    write_split(root, "train", 48, seed=1, odd_size_every=5)
    write_split(root, "val", 16, seed=2)
    with open(os.path.join(root, "classes.json"), "w") as f:
        json.dump(CLASSES, f)
    return root
