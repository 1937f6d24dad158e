import json
import os

import numpy as np

from captioner.dataset import BatchSchedule, CaptionDataset
from captioner.grounded import Grounder
from captioner.tokenizer import PAD, Tokenizer

from conftest import CLASSES


def test_dataset_caches_resizes_and_batches(scenes_dir):
    ds = CaptionDataset(os.path.join(scenes_dir, "train"), 32)
    assert ds.pixels.shape == (48, 32, 32, 3) and ds.pixels.dtype == np.uint8
    cache = os.path.join(scenes_dir, "train", "images_32px.u8.npy")
    assert os.path.exists(cache)
    mtime = os.path.getmtime(cache)
    again = CaptionDataset(os.path.join(scenes_dir, "train"), 32)  # reuses the cache
    assert os.path.getmtime(cache) == mtime
    np.testing.assert_array_equal(again.pixels, ds.pixels)
    ds.tokenize(Tokenizer.build([c for caps in ds.captions for c in caps]), max_len=12)
    pixels, inp, tgt, objects, patches, counts = ds.batch(np.array([5, 0, 3]), np.array([0.0, 0.99, 0.5]))
    assert pixels.shape == (3, 3, 32, 32) and -1.0 <= pixels.min() and pixels.max() <= 1.0
    assert inp.shape == tgt.shape and inp.shape[0] == 3
    assert (inp[:, 1:] == tgt[:, :-1]).all()
    assert objects is None and counts is None
    assert (tgt != PAD).sum(1).min() > 0
    ds.load_objects(os.path.join(scenes_dir, "train", "scenes_train.json"), [c["id"] for c in CLASSES])
    assert ds.batch(np.array([0]), np.zeros(1))[3].sum() == 1.0


def test_batch_schedule_is_a_function_of_step():
    a, b = BatchSchedule(50, 8, seed=3), BatchSchedule(50, 8, seed=3)
    for step in [0, 1, 6, 7, 13]:
        ra, pa, ea = a(step)
        rb, pb, eb = b(step)
        np.testing.assert_array_equal(ra, rb)
        np.testing.assert_array_equal(pa, pb)
    rows = np.concatenate([a(s)[0] for s in range(6)])  # one epoch: no image twice
    assert len(set(rows.tolist())) == 48 and a(6)[2] == 1


def test_grounded_metrics(scenes_dir):
    grounder = Grounder(CLASSES)
    assert grounder.mentions("Two red traffic lights and a blue sphere.") == [(2, 2), (1, 1)]
    assert grounder.mentions("an apple with balls") == [(0, 1), (1, None)]
    scenes = json.load(open(os.path.join(scenes_dir, "val", "scenes_val.json")))
    by_class = {s["objects"][0]["class"]: s for s in scenes}
    apple, ball = by_class[0], by_class[1]
    n = apple["objects"][0]["count"]
    words = {1: "an apple", 2: "two apples", 3: "three apples"}
    m = grounder.score({apple["image_id"]: f"{words[n]} and a traffic light", ball["image_id"]: "some balls"}, scenes)
    assert m["recall"] == 1.0  # both scenes' single classes named
    assert m["chair_i"] == 1 / 3 and m["chair_s"] == 0.5  # the traffic light is not in the apple scene
    assert m["count_acc"] == 1.0  # the apples' count is right; "some balls" states none


def test_grounded_metrics_read_colours_and_shared_phrases_as_the_scene_does():
    grounder = Grounder([{"id": "orange", "name": "orange", "plural": "oranges", "synonyms": []},
                         {"id": "tree", "name": "tree", "plural": "trees", "synonyms": []},
                         {"id": "xmas", "name": "christmas tree", "plural": "christmas trees", "synonyms": ["tree"]}])
    assert grounder.mentions("two orange trees on an orange background") == [("tree", 2)]
    assert grounder.mentions("an orange and a tree") == [("orange", 1), ("tree", 1)]
    assert grounder.mentions("a tree", truth={"xmas": 1}) == [("xmas", 1)]
    scenes = [{"image_id": 1, "objects": [{"class": "xmas", "count": 1}]}]
    assert grounder.score({1: "an orange tree"}, scenes)["chair_i"] == 0


def test_patch_labels_follow_visible_boxes(tmp_path):
    split = tmp_path / "train"
    (split / "images").mkdir(parents=True)
    from PIL import Image
    Image.new("RGB", (32, 32)).save(split / "images" / "1.png")
    with open(split / "captions_train.json", "w") as f:
        json.dump({"images": [{"id": 1, "file_name": "1.png"}], "annotations": [{"image_id": 1, "caption": "a cat"}]}, f)
    # Grid 4 over 32 px: patch centres at 4, 12, 20, 28. A cat box over the top-left 2x2 patches, a dog box over
    # the right column, drawn after the cat and overlapping one of its patches.
    scene = {"image_id": 1, "objects": [{"class": "cat", "count": 1, "boxes": [[0, 0, 16, 16]]},
                                        {"class": "dog", "count": 1, "boxes": [[10, 0, 22, 32]]}]}
    with open(split / "scenes_train.json", "w") as f:
        json.dump([scene], f)
    ds = CaptionDataset(str(split), 32)
    ds.load_objects(str(split / "scenes_train.json"), ["dog", "cat"], grid=4)
    np.testing.assert_array_equal(ds.count_targets[0], [1, 1])
    dog, cat = 1, 2  # 1 + class index; 0 is background
    np.testing.assert_array_equal(ds.patch_targets[0].reshape(4, 4), [[cat, dog, dog, dog],
                                                                       [cat, dog, dog, dog],
                                                                       [0, dog, dog, dog],
                                                                       [0, dog, dog, dog]])
