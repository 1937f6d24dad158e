"""Training step time on random data (no data set needed):

  bash scripts/python.sh -m captioner.bench [--batch_size 64] [--steps 10] [--vocab 700] [--<ModelConfig field> V]

Times forward + backward + AdamW for full-length captions (max_len tokens), bf16 autocast as in training.
"""

import argparse
import dataclasses
import os
import time

import torch

from .config import ModelConfig, TrainConfig
from .model import Captioner
from .train import make_optimizer


def main(argv=None):
    p = argparse.ArgumentParser()
    p.add_argument("--batch_size", type=int, default=64)
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--vocab", type=int, default=700)
    p.add_argument("--bf16", type=int, default=1)
    p.add_argument("--threads", type=int, default=0)
    for f in dataclasses.fields(ModelConfig):
        if f.name != "vocab_size":
            p.add_argument(f"--{f.name}", type=type(f.default), default=f.default)
    args = vars(p.parse_args(argv))
    torch.set_num_threads(args["threads"] or os.cpu_count())
    cfg = ModelConfig(**{f.name: args[f.name] for f in dataclasses.fields(ModelConfig) if f.name != "vocab_size"},
                      vocab_size=args["vocab"])
    torch.manual_seed(0)
    model = Captioner(cfg).train()
    opt, _ = make_optimizer(model, TrainConfig())
    B = args["batch_size"]
    pixels = torch.randn(B, 3, cfg.image_size, cfg.image_size)
    seq = torch.randint(4, cfg.vocab_size, (B, cfg.max_len))
    times = []
    for i in range(args["warmup"] + args["steps"]):
        t = time.perf_counter()
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bool(args["bf16"])):
            _, loss = model(pixels, seq[:, :-1], seq[:, 1:])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if i >= args["warmup"]:
            times.append(time.perf_counter() - t)
    times.sort()
    median = times[len(times) // 2]
    print(f"{model.num_params() / 1e6:.2f}M params, stem {cfg.stem}, {cfg.image_size}px/{cfg.patch_size}, "
          f"enc {cfg.enc_layers} dec {cfg.dec_layers} d {cfg.n_embd}, batch {B}, {cfg.max_len} tokens, "
          f"bf16 {bool(args['bf16'])}, {torch.get_num_threads()} threads: median {median * 1000:.0f} ms/step "
          f"(min {times[0] * 1000:.0f}, max {times[-1] * 1000:.0f}), {B / median:.0f} img/s")


if __name__ == "__main__":
    main()
