import json
import os

import torch

from captioner.export import main as export_main
from captioner.train import main as train_main
from captioner.train import train

TINY = dict(image_size=32, patch_size=8, enc_layers=1, dec_layers=2, n_embd=32, n_head=4, max_len=12)


def test_training_smoke_run_and_export(scenes_dir, tmp_path):
    out = str(tmp_path / "run")
    args = ["--data", scenes_dir, "--out", out, "--steps", "20"]
    for k, v in {**TINY, "batch_size": 8, "lr": 3e-3, "warmup_steps": 5, "eval_interval": 10,
                 "eval_images": 16, "eval_loss_images": 16, "threads": 1, "samples": 2, "aux_object_loss": 1.0}.items():
        args += [f"--{k}", str(v)]
    train_main(args)
    rows = [json.loads(line) for line in open(os.path.join(out, "metrics.jsonl"))]
    assert [r["step"] for r in rows] == [10, 20]
    for key in ("train_loss", "val_loss", "recall", "chair_i", "count_acc", "img_per_s", "lr"):
        assert key in rows[-1], key
    assert rows[1]["train_loss"] < rows[0]["train_loss"]
    for name in ("last.pt", "best.pt", "learning_curve.png", "config.json"):
        assert os.path.exists(os.path.join(out, name)), name

    model_dir = str(tmp_path / "model")
    export_main(["--checkpoint", os.path.join(out, "last.pt"), "--out", model_dir])
    for name in ("config.json", "generation_config.json", "preprocessor_config.json", "tokenizer.json",
                 "tokenizer_config.json", "special_tokens_map.json", "README.md", "ATTRIBUTION.md",
                 "onnx/encoder_model.onnx", "onnx/decoder_model_merged.onnx"):
        assert os.path.exists(os.path.join(model_dir, name)), name
    config = json.load(open(os.path.join(model_dir, "config.json")))
    assert config["is_encoder_decoder"] and config["decoder"]["model_type"] == "gpt2"
    assert config["decoder"]["n_layer"] == 2 and config["encoder"]["image_size"] == 32
    assert config["decoder_start_token_id"] == 1 and config["eos_token_id"] == 2
    assert torch.load(os.path.join(out, "last.pt"))["model_config"]["num_object_classes"] == 3  # from classes.json


def test_resume_continues_exactly(scenes_dir, tmp_path):
    model = {**TINY, "dropout": 0.1}  # dropout makes the restored RNG state matter
    tcfg = dict(batch_size=8, lr=3e-3, warmup_steps=2, schedule="constant", eval_interval=3, eval_images=8,
                eval_loss_images=8, threads=1, samples=0)
    straight, sliced = str(tmp_path / "straight"), str(tmp_path / "sliced")
    train(scenes_dir, straight, model, tcfg, steps=6, progress=False)
    train(scenes_dir, sliced, model, tcfg, steps=3, progress=False)
    first = torch.load(os.path.join(sliced, "last.pt"))
    assert first["step"] == 3
    summary = train(scenes_dir, sliced, None, None, resume=True, steps=6, progress=False)
    assert summary["step"] == 6
    a = torch.load(os.path.join(straight, "last.pt"))
    b = torch.load(os.path.join(sliced, "last.pt"))
    for key in a["model"]:
        assert torch.equal(a["model"][key], b["model"][key]), key
    for sa, sb in zip(a["optimizer"]["state"].values(), b["optimizer"]["state"].values()):
        assert all(torch.equal(sa[k], sb[k]) for k in ("exp_avg", "exp_avg_sq"))
    assert a["scheduler"]["last_epoch"] == b["scheduler"]["last_epoch"] == 6
    assert torch.equal(a["rng"]["torch"], b["rng"]["torch"])
    assert a["tokenizer"] == b["tokenizer"] and a["model_config"] == b["model_config"]


def test_init_fine_tunes_from_another_runs_weights_with_a_new_head(scenes_dir, tmp_path):
    tcfg = dict(batch_size=8, lr=3e-3, warmup_steps=2, eval_interval=3, eval_images=8, eval_loss_images=8, threads=1,
                samples=0)
    base, tuned = str(tmp_path / "base"), str(tmp_path / "tuned")
    train(scenes_dir, base, {**TINY, "aux_object_loss": 1.0}, tcfg, steps=3, progress=False)
    before = torch.load(os.path.join(base, "last.pt"))
    train(scenes_dir, tuned, {"count_loss": 1.0}, {**tcfg, "lr": 0.0, "schedule": "constant"}, steps=3, progress=False,
          init=os.path.join(base, "last.pt"))
    after = torch.load(os.path.join(tuned, "last.pt"))
    assert after["step"] == 3 and after["tokenizer"] == before["tokenizer"]
    assert after["model_config"]["n_embd"] == TINY["n_embd"] and after["model_config"]["count_loss"] == 1.0
    assert after["init"].endswith("last.pt")
    for key, value in before["model"].items():  # lr 0: the shared weights are the base run's
        if "running_" not in key and "num_batches" not in key:  # batch-norm statistics move without the lr
            assert torch.equal(after["model"][key], value), key
    assert "count_head.weight" in after["model"] and "count_head.weight" not in before["model"]
    rows = [json.loads(line) for line in open(os.path.join(tuned, "metrics.jsonl"))]
    assert 0.0 <= rows[-1]["count_head_acc"] <= 1.0


def _grown_data(scenes_dir: str, tmp_path) -> str:
    """scenes_dir with a new class first and the old ones reversed, and a new word in the training captions."""
    import shutil
    grown = str(tmp_path / "grown")
    shutil.copytree(scenes_dir, grown)
    classes = json.load(open(os.path.join(grown, "classes.json")))
    kite = {"id": "kite", "name": "kite", "plural": "kites", "synonyms": [], "category": "toy"}
    json.dump([kite, *reversed(classes)], open(os.path.join(grown, "classes.json"), "w"))
    path = os.path.join(grown, "train", "captions_train.json")
    coco = json.load(open(path))
    for a in coco["annotations"][::2]:
        a["caption"] += " kite"
    json.dump(coco, open(path, "w"))
    return grown


def test_init_grows_vocabulary_and_heads_keeping_what_was_learnt(scenes_dir, tmp_path):
    tcfg = dict(batch_size=8, lr=3e-3, warmup_steps=2, eval_interval=3, eval_images=8, eval_loss_images=8, threads=1,
                samples=0)
    base = str(tmp_path / "base")
    train(scenes_dir, base, {**TINY, "aux_object_loss": 1.0, "count_loss": 1.0}, tcfg, steps=3, progress=False)
    before = torch.load(os.path.join(base, "last.pt"))
    model_dir = str(tmp_path / "model")
    export_main(["--checkpoint", os.path.join(base, "last.pt"), "--out", model_dir])
    grown = _grown_data(scenes_dir, tmp_path)
    frozen = {**tcfg, "lr": 0.0, "schedule": "constant"}
    for name, init in (("from-ckpt", os.path.join(base, "last.pt")), ("from-dir", model_dir)):
        out = str(tmp_path / name)
        train(grown, out, None, frozen, steps=3, progress=False, init=init)
        after = torch.load(os.path.join(out, "last.pt"))
        old_words = before["tokenizer"]
        assert after["tokenizer"][: len(old_words)] == old_words, name  # old ids keep their words
        assert set(after["tokenizer"][len(old_words):]) == {"kite"}, name
        wte_before, wte_after = before["model"]["decoder.wte.weight"], after["model"]["decoder.wte.weight"]
        assert torch.allclose(wte_after[: len(old_words)], wte_before, atol=1e-6), name
        assert after["classes"][0] == "kite" and after["model_config"]["num_object_classes"] == 4, name
        for head in ("object_head.weight", "object_head.bias", "count_head.weight", "count_head.bias"):
            old_rows, new_rows = before["model"][head], after["model"][head]
            for new_row, cls in enumerate(after["classes"]):
                if cls in before["classes"]:  # carried over by class id, whatever the order
                    assert torch.allclose(new_rows[new_row], old_rows[before["classes"].index(cls)], atol=1e-6)
