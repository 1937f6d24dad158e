"""Trains the captioner on a COCO-captions data set (e.g. data/scenes from `npm run data`).

  bash scripts/python.sh -m captioner.train --data data/scenes --out runs/NAME [--resume | --init CKPT]
      [--minutes M | --steps N] [--<ModelConfig or TrainConfig field> VALUE ...]

--steps N sets the schedule length and stop point (TrainConfig.max_steps); --minutes M stops this invocation
after M minutes of wall clock (the schedule is unchanged), so a long run can go in slices with --resume.
--init CKPT starts a new run from another run's weights (a checkpoint, or an exported model directory such as
models/scenes-small), tokenizer and model settings (model settings given here
override them, e.g. to add a loss; heads the checkpoint lacks start from their initialisation) with a fresh
optimiser and schedule: fine-tuning a trained model instead of training from scratch. Data with new words or classes
grows the vocabulary and the heads (warm_start.py).
Writes runs/NAME/{last.pt, best.pt (by val object recall), metrics.jsonl, learning_curve.png, config.json}.
"""

import argparse
import dataclasses
import json
import math
import os
import random
import signal
import sys
import threading
import time

import numpy as np
import torch
from tqdm import tqdm

from .augment import style_augment
from .config import ModelConfig, TrainConfig, config_from_dict
from .dataset import BatchSchedule, CaptionDataset
from .mixed_dataset import MixedDataset
from .grounded import Grounder
from .model import Captioner
from .plot import save_learning_curve
from .tokenizer import Tokenizer
from .warm_start import grow_state, grown_tokenizer, load_init


def lr_multiplier(tcfg: TrainConfig):
    def f(step: int) -> float:
        if step < tcfg.warmup_steps:
            return (step + 1) / tcfg.warmup_steps
        if tcfg.schedule == "constant":
            return 1.0
        assert tcfg.schedule == "cosine", f"unknown schedule {tcfg.schedule!r}"
        progress = min((step - tcfg.warmup_steps) / max(tcfg.max_steps - tcfg.warmup_steps, 1), 1.0)
        floor = tcfg.min_lr / tcfg.lr
        return floor + (1 - floor) * 0.5 * (1 + math.cos(math.pi * progress))
    return f


def make_optimizer(model: Captioner, tcfg: TrainConfig):
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": tcfg.weight_decay},
                             {"params": no_decay, "weight_decay": 0.0}], lr=tcfg.lr, betas=(0.9, 0.95))
    return opt, torch.optim.lr_scheduler.LambdaLR(opt, lr_multiplier(tcfg))


def read_json(path: str):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def save_checkpoint(path: str, state: dict) -> None:
    tmp = path + ".tmp"
    torch.save(state, tmp)
    os.replace(tmp, path)  # readers never see a half-written checkpoint


def rng_state() -> dict:
    return {"torch": torch.get_rng_state(), "numpy": np.random.get_state(), "python": random.getstate()}


def set_rng_state(s: dict) -> None:
    torch.set_rng_state(s["torch"])
    np.random.set_state(s["numpy"])
    random.setstate(s["python"])


@torch.no_grad()
def evaluate(model, ds, tok, tcfg, grounder, scenes) -> tuple:
    """Val loss (first caption of the first eval_loss_images images), greedy captions of the first
    eval_images images and their grounded metrics. Returns (metrics dict, [(image id, caption, reference)])."""
    model.eval()
    out, total, weight, hits, present, patch_hits, patch_total = {}, 0.0, 0, 0, 0, 0, 0
    count_hits, count_total = 0, 0
    with torch.autocast("cpu", dtype=torch.bfloat16, enabled=tcfg.bf16):
        n = min(tcfg.eval_loss_images, len(ds))
        for i in range(0, n, tcfg.batch_size):
            rows = np.arange(i, min(i + tcfg.batch_size, n))
            pixels, inp, tgt, objects, patches, counts = ds.batch(rows, np.zeros(len(rows)))
            _, loss = model(pixels, inp, tgt)  # caption loss only, comparable across runs with and without aux
            total += loss.item() * int((tgt != 0).sum())
            weight += int((tgt != 0).sum())
            if model.patch_head is not None and patches is not None:
                # Patch accuracy over object patches: does each patch know which object covers it?
                predicted = model.patch_head(model.encoder(pixels)).argmax(-1)
                on_object = patches > 0
                patch_hits += int((predicted[on_object] == patches[on_object]).sum())
                patch_total += int(on_object.sum())
            if model.object_head is not None and objects is not None and model.cfg.aux_object_loss > 0:
                # Object-head recall@k: of each image's k present classes, how many are among its top-k logits.
                logits = model.object_logits(model.encoder(pixels))
                for row_logits, row_targets in zip(logits, objects):
                    k = int(row_targets.sum())
                    top = row_logits.topk(k).indices
                    hits += int(row_targets[top].sum())
                    present += k
            if model.count_head is not None and counts is not None:
                # Count-head accuracy over present classes: rounded expected count == the scene's count.
                predicted = model.object_counts(model.encoder(pixels)).round()
                on_scene = counts > 0
                count_hits += int((predicted[on_scene] == counts[on_scene]).sum())
                count_total += int(on_scene.sum())
        out["val_loss"] = total / max(weight, 1)
        if present:
            out["object_head_recall"] = hits / present
        if patch_total:
            out["patch_object_acc"] = patch_hits / patch_total
        if count_total:
            out["count_head_acc"] = count_hits / count_total
        captions = {}
        n = min(tcfg.eval_images, len(ds))
        for i in range(0, n, 128):
            rows = np.arange(i, min(i + 128, n))
            pixels = ds.batch(rows, np.zeros(len(rows)))[0]
            for r, ids in zip(rows, model.generate(pixels).tolist()):
                captions[ds.image_ids[r]] = tok.decode(ids)
    model.train()
    if grounder is not None and scenes is not None:
        out.update(grounder.score(captions, scenes))
    samples = [(ds.image_ids[r], captions[ds.image_ids[r]], ds.captions[r][0]) for r in range(min(tcfg.samples, n))]
    return out, samples


def train(data: str, out: str, model_overrides=None, train_overrides=None, resume=False, minutes=0.0,
          steps=0, progress=True, command: str = "", init: str = "") -> dict:
    """Returns a summary: step reached, last metrics, why it stopped."""
    os.makedirs(out, exist_ok=True)
    last_path, best_path = os.path.join(out, "last.pt"), os.path.join(out, "best.pt")
    ckpt = start = None
    assert not (resume and init), "--resume continues this run; --init starts a new one from another run"
    if init:
        start = load_init(init)
        mcfg = config_from_dict(ModelConfig, {**start["model_config"], **(model_overrides or {})})
        tcfg = TrainConfig(**(train_overrides or {}))
        tok = Tokenizer(start["tokenizer"])
    elif resume:
        assert os.path.exists(last_path), f"--resume: no {last_path}"
        ckpt = torch.load(last_path, map_location="cpu")
        assert not model_overrides, "model settings cannot change on --resume"
        mcfg = config_from_dict(ModelConfig, ckpt["model_config"])
        tcfg = config_from_dict(TrainConfig, {**ckpt["train_config"], **(train_overrides or {})})
        tok = Tokenizer(ckpt["tokenizer"])
    else:
        mcfg = ModelConfig(**(model_overrides or {}))
        tcfg = TrainConfig(**(train_overrides or {}))
    if steps:
        tcfg.max_steps = steps
    torch.set_num_threads(tcfg.threads or os.cpu_count())

    train_parts = [CaptionDataset(os.path.join(data, split), mcfg.image_size) for split in tcfg.train_splits.split(",")]
    train_ds = train_parts[0] if len(train_parts) == 1 else MixedDataset(train_parts)
    val_dir = os.path.join(data, tcfg.val_split)
    val_ds = CaptionDataset(val_dir, mcfg.image_size) if os.path.isdir(val_dir) else None
    train_captions = [c for caps in train_ds.captions for c in caps]
    if ckpt is None and start is None:
        tok = Tokenizer.build(train_captions, tcfg.min_count)
        assert mcfg.vocab_size in (0, len(tok)), f"vocab_size {mcfg.vocab_size} != tokenizer's {len(tok)}"
        mcfg.vocab_size = len(tok)
    elif start is not None:
        tok = grown_tokenizer(tok, train_captions, tcfg.min_count)  # the data may bring new words
        mcfg.vocab_size = len(tok)
    classes_path = os.path.join(data, "classes.json")
    classes = read_json(classes_path) if os.path.exists(classes_path) else None
    needs_classes = mcfg.aux_object_loss > 0 or mcfg.patch_object_loss > 0 or mcfg.count_loss > 0
    if ckpt is None and needs_classes and (not mcfg.num_object_classes or start is not None):
        assert classes, "aux_object_loss, patch_object_loss and count_loss need classes.json"
        mcfg.num_object_classes = len(classes)  # a fine-tune takes the new data's class list
    def scenes_path_of(split_dir: str) -> str:
        return os.path.join(split_dir, f"scenes_{os.path.basename(os.path.normpath(split_dir))}.json")

    for ds in [d for d in (*train_parts, val_ds) if d is not None]:
        ds.tokenize(tok, mcfg.max_len)
        if mcfg.num_object_classes:
            assert len(classes) == mcfg.num_object_classes, "num_object_classes must equal len(classes.json)"
            ds.load_objects(scenes_path_of(ds.split_dir), [c["id"] for c in classes],
                            mcfg.grid if mcfg.patch_object_loss > 0 else 0)
    scenes_path = scenes_path_of(val_dir)
    grounder = Grounder(classes) if classes and val_ds is not None and os.path.exists(scenes_path) else None
    scenes = read_json(scenes_path) if grounder else None

    torch.manual_seed(tcfg.seed)
    model = Captioner(mcfg)
    opt, sched = make_optimizer(model, tcfg)
    step, best, elapsed_before = 0, -math.inf, 0.0
    if start is not None:
        old_vocab = len(start["tokenizer"])
        grown = grow_state(start["model"], model.state_dict(), old_vocab, start.get("classes", []),
                           [c["id"] for c in classes or []])
        missing, unexpected = model.load_state_dict(grown, strict=False)
        print(f"vocabulary {old_vocab} -> {len(tok)} words, classes {len(start.get('classes', []))} -> "
              f"{mcfg.num_object_classes}")
        print(f"weights from {init} (step {start['step']}); new: {missing or 'none'}; dropped: {unexpected or 'none'}")
    if ckpt is not None:
        model.load_state_dict(ckpt["model"])
        opt.load_state_dict(ckpt["optimizer"])
        sched.load_state_dict(ckpt["scheduler"])
        sched.lr_lambdas = [lr_multiplier(tcfg)]  # the schedule follows the (possibly overridden) config
        step, best, elapsed_before = ckpt["step"], ckpt["best"], ckpt["elapsed_s"]
        set_rng_state(ckpt["rng"])
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump({"model": dataclasses.asdict(mcfg), "train": dataclasses.asdict(tcfg),
                   "init": init or (ckpt or {}).get("init", ""), "command": command}, f, indent=2)
    print(f"model {model.num_params() / 1e6:.2f}M params, vocab {len(tok)}, {len(train_ds)} train images, "
          f"step {step}/{tcfg.max_steps}, {torch.get_num_threads()} threads")

    def checkpoint(path):
        save_checkpoint(path, {
            "model": model.state_dict(), "optimizer": opt.state_dict(), "scheduler": sched.state_dict(),
            "step": step, "best": best, "elapsed_s": elapsed_before + time.time() - t0, "rng": rng_state(),
            "model_config": dataclasses.asdict(mcfg), "train_config": dataclasses.asdict(tcfg),
            "tokenizer": tok.words, "data": os.path.abspath(data), "metrics": last_metrics,
            "classes": [c["id"] for c in classes or []],
            "init": init or (ckpt or {}).get("init", "")})

    stop = {"why": None}
    handlers = {}
    if threading.current_thread() is threading.main_thread():
        def on_signal(signum, _frame):
            stop["why"] = signal.Signals(signum).name
        for sig in (signal.SIGTERM, signal.SIGINT):
            handlers[sig] = signal.signal(sig, on_signal)

    batches = BatchSchedule(len(train_ds), tcfg.batch_size, tcfg.seed)
    metrics_path = os.path.join(out, "metrics.jsonl")
    rows = []
    if ckpt is not None and os.path.exists(metrics_path):
        with open(metrics_path) as f:
            rows = [json.loads(line) for line in f]
    t0 = time.time()
    t_last, loss_sum, loss_n, seen, last_metrics, evaluated_at = t0, 0.0, 0, 0, {}, -1
    bar = tqdm(total=tcfg.max_steps, initial=step, disable=not progress, dynamic_ncols=True, unit="step")
    model.train()
    try:
        while step < tcfg.max_steps and stop["why"] is None:
            if minutes and time.time() - t0 > minutes * 60:
                stop["why"] = "time budget"
                break
            rows_idx, pick, epoch = batches(step)
            pixels, inp, tgt, objects, patches, counts = train_ds.batch(rows_idx, pick)
            pixels = style_augment(pixels, tcfg.style_augment, tcfg.seed, step)
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=tcfg.bf16):
                _, loss = model(pixels, inp, tgt, objects, patches, counts)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            if tcfg.grad_clip:
                torch.nn.utils.clip_grad_norm_(model.parameters(), tcfg.grad_clip)
            opt.step()
            sched.step()
            step += 1
            loss_sum, loss_n, seen = loss_sum + loss.item(), loss_n + 1, seen + len(rows_idx)
            bar.update(1)
            bar.set_postfix(loss=f"{loss.item():.3f}", img_s=f"{seen / (time.time() - t_last):.0f}")
            if step % tcfg.eval_interval == 0 or step == tcfg.max_steps:
                img_s = seen / (time.time() - t_last)
                metrics = {"step": step, "epoch": epoch, "images": step * tcfg.batch_size,
                           "elapsed_s": round(elapsed_before + time.time() - t0, 1), "lr": sched.get_last_lr()[0],
                           "train_loss": loss_sum / loss_n, "img_per_s": round(img_s, 1)}
                if val_ds is not None:
                    val, samples = evaluate(model, val_ds, tok, tcfg, grounder, scenes)
                    metrics.update(val)
                    for image_id, caption, ref in samples:
                        bar.write(f"  [{image_id}] {caption}\n      ref: {ref}")
                bar.write(" ".join(f"{k}={v:.4g}" if isinstance(v, float) else f"{k}={v}"
                                   for k, v in metrics.items()))
                rows.append(metrics)
                with open(metrics_path, "a") as f:
                    f.write(json.dumps(metrics) + "\n")
                save_learning_curve(rows, os.path.join(out, "learning_curve.png"))
                last_metrics, evaluated_at = metrics, step
                score = metrics["recall"] if "recall" in metrics else -metrics.get("val_loss", metrics["train_loss"])
                if score > best:
                    best = score
                    checkpoint(best_path)
                checkpoint(last_path)
                t_last, loss_sum, loss_n, seen = time.time(), 0.0, 0, 0
    finally:
        bar.close()
        if evaluated_at != step:
            checkpoint(last_path)  # budget, signal or error: keep the progress for --resume
        for sig, h in handlers.items():
            signal.signal(sig, h)
    why = stop["why"] or "max_steps"
    print(f"stopped at step {step} ({why}); checkpoint {last_path}")
    return {"step": step, "why": why, "metrics": last_metrics}


def parse_value(text: str, default):
    if isinstance(default, bool):
        assert text.lower() in ("true", "false", "1", "0"), f"expected true/false, got {text!r}"
        return text.lower() in ("true", "1")
    return type(default)(text)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True, help="folder with train/, val/ and classes.json")
    p.add_argument("--out", required=True, help="run folder, e.g. runs/NAME")
    p.add_argument("--resume", action="store_true", help="continue from OUT/last.pt")
    p.add_argument("--init", default="", help="start from this checkpoint's weights (fine-tuning)")
    p.add_argument("--minutes", type=float, default=0.0, help="wall-clock budget of this invocation")
    p.add_argument("--steps", type=int, default=0, help="schedule length and stop point (max_steps)")
    groups = {"model": ModelConfig(), "train": TrainConfig()}
    for group, cfg in groups.items():
        for f in dataclasses.fields(cfg):
            if f.name != "max_steps":
                p.add_argument(f"--{f.name}", dest=f"{group}.{f.name}", default=None,
                               help=f"{group} setting (default {getattr(cfg, f.name)})")
    args = vars(p.parse_args(argv))
    overrides = {g: {k.split(".", 1)[1]: parse_value(v, getattr(groups[g], k.split(".", 1)[1]))
                     for k, v in args.items() if k.startswith(g + ".") and v is not None} for g in groups}
    argv = sys.argv[1:] if argv is None else argv
    train(args["data"], args["out"], overrides["model"], overrides["train"], args["resume"], args["minutes"],
          args["steps"], command=" ".join(["npm run train --", *argv]), init=args["init"])


if __name__ == "__main__":
    main()
