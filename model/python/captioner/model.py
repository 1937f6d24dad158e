"""Image captioner: a ViT encoder and a GPT-2-style decoder with cross-attention.

Encoder: stem (patch or conv) -> + fixed 2-D sin-cos positions -> pre-LN blocks -> LN          (B, N, D)
Decoder: token + learned position embedding -> pre-LN blocks of [causal self-attention with a KV cache,
         cross-attention to the encoder states, MLP] -> LN -> LM head tied to the token embedding
Attention is written out by hand (torch 1.13 has no SDPA) with a finite mask value, so a fully masked row
(a left-padding query) gives a uniform softmax rather than NaN, and the graph exports to ONNX as is.
"""

import math

import numpy as np
import torch
import torch.nn as nn
from torch.nn import functional as F

from .config import ModelConfig
from .tokenizer import BOS, EOS, PAD, SPECIALS


def attend(q, k, v, allowed, scale: float, drop: nn.Module):
    """q (B, nh, S, hs), k/v (B, nh, T, hs), allowed bool broadcastable to (B, nh, S, T) or None."""
    att = (q @ k.transpose(-2, -1)) * scale  # (B, nh, S, T)
    if allowed is not None:
        att = att.masked_fill(~allowed, torch.finfo(att.dtype).min)
    att = F.softmax(att, dim=-1)
    y = drop(att) @ v  # (B, nh, S, hs)
    return y, att


class Attention(nn.Module):
    """Multi-head attention; self-attention when `kv` is None, cross-attention to `kv` otherwise."""

    def __init__(self, cfg: ModelConfig, cross: bool = False):
        super().__init__()
        assert cfg.n_embd % cfg.n_head == 0, f"n_embd {cfg.n_embd} must be a multiple of n_head {cfg.n_head}"
        self.n_head, self.head_size = cfg.n_head, cfg.head_size  # Python ints: fixed numbers in the ONNX graph
        self.scale = 1.0 / math.sqrt(cfg.head_size)
        self.cross = cross
        if cross:
            self.q_attn = nn.Linear(cfg.n_embd, cfg.n_embd)
            self.kv_attn = nn.Linear(cfg.n_embd, 2 * cfg.n_embd)
        else:
            self.c_attn = nn.Linear(cfg.n_embd, 3 * cfg.n_embd)
        self.c_proj = nn.Linear(cfg.n_embd, cfg.n_embd)
        self.attn_drop = nn.Dropout(cfg.dropout)
        self.resid_drop = nn.Dropout(cfg.dropout)

    def heads(self, x):  # (B, T, D) -> (B, nh, T, hs)
        B, T, _ = x.shape
        return x.view(B, T, self.n_head, self.head_size).transpose(1, 2)

    def cross_kv(self, kv):
        """Cross-attention keys and values of encoder states (B, N, D): each (B, nh, N, hs). They depend only on
        the image, so a server can compute them once per image instead of at every decoding step."""
        k, v = self.kv_attn(kv).split(kv.shape[-1], dim=2)
        return self.heads(k), self.heads(v)

    def forward(self, x, allowed=None, past=None, kv=None, cached_kv=None):
        B, S, D = x.shape
        if self.cross:
            q = self.heads(self.q_attn(x))
            k, v = cached_kv if cached_kv is not None else self.cross_kv(kv)
        else:
            q, k, v = self.c_attn(x).split(D, dim=2)
            q, k, v = self.heads(q), self.heads(k), self.heads(v)  # (B, nh, S, hs)
        if past is not None:
            k = torch.cat([past[0], k], dim=2)  # (B, nh, P + S, hs)
            v = torch.cat([past[1], v], dim=2)
        y, att = attend(q, k, v, allowed, self.scale, self.attn_drop)
        y = y.transpose(1, 2).contiguous().view(B, S, D)
        return self.resid_drop(self.c_proj(y)), (k, v), att


class MLP(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.c_fc = nn.Linear(cfg.n_embd, 4 * cfg.n_embd)
        self.c_proj = nn.Linear(4 * cfg.n_embd, cfg.n_embd)
        self.drop = nn.Dropout(cfg.dropout)

    def forward(self, x):
        return self.drop(self.c_proj(F.gelu(self.c_fc(x))))


class EncoderBlock(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.ln_1 = nn.LayerNorm(cfg.n_embd)
        self.attn = Attention(cfg)
        self.ln_2 = nn.LayerNorm(cfg.n_embd)
        self.mlp = MLP(cfg)

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))[0]
        return x + self.mlp(self.ln_2(x))


class DecoderBlock(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.ln_1 = nn.LayerNorm(cfg.n_embd)
        self.attn = Attention(cfg)
        self.ln_2 = nn.LayerNorm(cfg.n_embd)
        self.cross = Attention(cfg, cross=True)
        self.ln_3 = nn.LayerNorm(cfg.n_embd)
        self.mlp = MLP(cfg)

    def forward(self, x, enc, allowed, past=None, cross_kv=None):
        a, present, _ = self.attn(self.ln_1(x), allowed=allowed, past=past)
        x = x + a
        c, _, cross_w = self.cross(self.ln_2(x), kv=enc, cached_kv=cross_kv)
        x = x + c
        return x + self.mlp(self.ln_3(x)), present, cross_w


def sincos_2d(dim: int, grid: int) -> torch.Tensor:
    """Fixed 2-D sin-cos position embedding (MAE): half the channels encode the row, half the column. (N, dim)"""
    assert dim % 4 == 0, f"n_embd {dim} must be a multiple of 4 for 2-D sin-cos positions"
    omega = 1.0 / 10000 ** (np.arange(dim // 4, dtype=np.float64) / (dim // 4))
    ys, xs = np.meshgrid(np.arange(grid), np.arange(grid), indexing="ij")  # token n = y * grid + x

    def one_axis(pos):
        out = pos.reshape(-1, 1) * omega.reshape(1, -1)  # (N, dim/4)
        return np.concatenate([np.sin(out), np.cos(out)], axis=1)  # (N, dim/2)

    return torch.from_numpy(np.concatenate([one_axis(ys), one_axis(xs)], axis=1)).float()


def make_stem(cfg: ModelConfig) -> nn.Module:
    """(B, 3, H, W) -> (B, D, H/p, W/p)."""
    if cfg.stem == "patch":
        return nn.Conv2d(3, cfg.n_embd, cfg.patch_size, stride=cfg.patch_size)
    assert cfg.stem == "conv", f"unknown stem {cfg.stem!r} (expected 'patch' or 'conv')"
    n = int(math.log2(cfg.patch_size))
    assert 2**n == cfg.patch_size, f"the conv stem needs a power-of-two patch_size, got {cfg.patch_size}"
    layers, c_in = [], 3
    for i in range(n):  # channels double up to n_embd: 32, 64, 128, 256 for d = 256, patch 16
        c_out = max(cfg.n_embd >> (n - 1 - i), 16)
        layers += [nn.Conv2d(c_in, c_out, 3, stride=2, padding=1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU()]
        c_in = c_out
    # A 1x1 projection after the last ReLU, as in "Early Convolutions Help Transformers See Better": tokens
    # should not all be non-negative.
    layers.append(nn.Conv2d(c_in, cfg.n_embd, 1))
    return nn.Sequential(*layers)


class Encoder(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        assert cfg.image_size % cfg.patch_size == 0, "image_size must be a multiple of patch_size"
        self.stem = make_stem(cfg)
        self.register_buffer("pos", sincos_2d(cfg.n_embd, cfg.grid)[None], persistent=False)  # (1, N, D)
        self.drop = nn.Dropout(cfg.dropout)
        self.blocks = nn.ModuleList([EncoderBlock(cfg) for _ in range(cfg.enc_layers)])
        self.ln_f = nn.LayerNorm(cfg.n_embd)

    def forward(self, pixel_values):
        x = self.stem(pixel_values).flatten(2).transpose(1, 2)  # (B, N, D)
        x = self.drop(x + self.pos)
        for block in self.blocks:
            x = block(x)
        return self.ln_f(x)


class Decoder(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        assert cfg.vocab_size > len(SPECIALS), "set vocab_size from the tokenizer"
        self.cfg = cfg
        self.wte = nn.Embedding(cfg.vocab_size, cfg.n_embd)
        self.wpe = nn.Embedding(cfg.max_len, cfg.n_embd)
        self.drop = nn.Dropout(cfg.dropout)
        self.blocks = nn.ModuleList([DecoderBlock(cfg) for _ in range(cfg.dec_layers)])
        self.ln_f = nn.LayerNorm(cfg.n_embd)
        self.lm_head = nn.Linear(cfg.n_embd, cfg.vocab_size, bias=False)
        self.lm_head.weight = self.wte.weight  # tied

    def forward(self, input_ids, enc, attention_mask=None, past=None, cross_kv=None):
        """input_ids (B, S); enc (B, N, D); attention_mask (B, P + S) of 1 = token, 0 = left padding, or None
        (no padding); past: one (key, value) pair of (B, nh, P, hs) per layer, or None; cross_kv: per layer the
        (key, value) of Attention.cross_kv(enc), used instead of enc when given.
        Returns logits (B, S, V), presents [(B, nh, P + S, hs)] * 2 per layer, cross weights [(B, nh, S, N)]."""
        B, S = input_ids.shape
        P = past[0][0].shape[2] if past is not None else 0
        q_idx = torch.arange(S, device=input_ids.device) + P
        k_idx = torch.arange(P + S, device=input_ids.device)
        allowed = (k_idx[None, :] <= q_idx[:, None])[None, None]  # (1, 1, S, P + S) causal
        if attention_mask is None:
            pos = q_idx[None, :]  # (1, S)
        else:
            assert attention_mask.shape[1] == P + S, "attention_mask must cover past and current tokens"
            pos = (attention_mask.long().cumsum(-1) - 1).clamp(min=0)[:, P:]  # (B, S)
            allowed = allowed & (attention_mask[:, None, None, :] == 1)  # (B, 1, S, P + S)
        x = self.drop(self.wte(input_ids) + self.wpe(pos))  # (B, S, D)
        presents, cross = [], []
        for i, block in enumerate(self.blocks):
            x, present, cross_w = block(x, enc, allowed, past[i] if past is not None else None,
                                        cross_kv[i] if cross_kv is not None else None)
            presents.append(present)
            cross.append(cross_w)
        return self.lm_head(self.ln_f(x)), presents, cross


class Captioner(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.cfg = cfg
        self.encoder = Encoder(cfg)
        self.decoder = Decoder(cfg)
        self.object_head = nn.Linear(cfg.n_embd, cfg.num_object_classes) if cfg.num_object_classes else None
        self.patch_head = (nn.Linear(cfg.n_embd, cfg.num_object_classes + 1)
                           if cfg.num_object_classes and cfg.patch_object_loss > 0 else None)
        self.count_head = (nn.Linear(cfg.n_embd, cfg.num_object_classes)
                           if cfg.num_object_classes and cfg.count_loss > 0 else None)
        self.apply(self._init_weights)
        if self.count_head is not None:
            # softplus(-8) * 64 patches ~ 0.02: start near "no objects" instead of ~44 of every class.
            nn.init.constant_(self.count_head.bias, -8.0)
        for name, p in self.named_parameters():  # GPT-2: scale residual projections by depth
            if name.endswith("c_proj.weight"):
                nn.init.normal_(p, mean=0.0, std=0.02 / math.sqrt(2 * (cfg.enc_layers + cfg.dec_layers)))

    @staticmethod
    def _init_weights(module):
        if isinstance(module, nn.Linear):
            nn.init.normal_(module.weight, mean=0.0, std=0.02)
            if module.bias is not None:
                nn.init.zeros_(module.bias)
        elif isinstance(module, nn.Embedding):
            nn.init.normal_(module.weight, mean=0.0, std=0.02)

    def num_params(self) -> int:
        return sum(p.numel() for p in self.parameters())

    def forward(self, pixel_values, input_ids, targets=None, object_targets=None, patch_targets=None,
                count_targets=None):
        """Teacher forcing. input_ids/targets (B, S), right-padded with <pad>, which the loss ignores.
        object_targets (B, C) multi-hot, used when the object head is on; patch_targets (B, N) class per patch;
        count_targets (B, C) objects of each class. Returns logits, loss (or None)."""
        enc = self.encoder(pixel_values)  # (B, N, D)
        logits, _, _ = self.decoder(input_ids, enc)  # (B, S, V)
        if targets is None:
            return logits, None
        loss = F.cross_entropy(logits.float().view(-1, logits.size(-1)), targets.reshape(-1), ignore_index=PAD)
        if self.object_head is not None and self.cfg.aux_object_loss > 0 and object_targets is not None:
            obj_logits = self.object_logits(enc)  # (B, C)
            # Summed over classes: with ~2 of C classes present, a mean over classes would make the signal vanish.
            bce = F.binary_cross_entropy_with_logits(obj_logits, object_targets, reduction="sum") / enc.shape[0]
            loss = loss + self.cfg.aux_object_loss * bce
        if self.patch_head is not None and patch_targets is not None:
            patch_logits = self.patch_head(enc).float()  # (B, N, C + 1)
            # Background (class 0) covers most patches: weigh it down so objects drive the encoder.
            weight = torch.ones(patch_logits.shape[-1], device=enc.device)
            weight[0] = 0.2
            ce = F.cross_entropy(patch_logits.flatten(0, 1), patch_targets.reshape(-1), weight=weight)
            loss = loss + self.cfg.patch_object_loss * ce
        if self.count_head is not None and count_targets is not None:
            # Summed over classes like the presence loss; Huber so a badly miscounted image cannot dominate a batch.
            huber = F.smooth_l1_loss(self.object_counts(enc), count_targets, reduction="sum") / enc.shape[0]
            loss = loss + self.cfg.count_loss * huber
        return logits, loss

    def object_counts(self, enc):
        """Expected objects of each class (B, C): a non-negative density per patch and class, summed over patches,
        so each patch only has to say how much of an object it holds (counting by density, not by a global guess)."""
        assert self.count_head is not None, "the model has no count head (count_loss = 0)"
        return F.softplus(self.count_head(enc).float()).sum(dim=1)

    def object_logits(self, enc):
        """Object-presence logits (B, C) from encoder states (B, N, D)."""
        assert self.object_head is not None, "the model has no object head (num_object_classes = 0)"
        if self.cfg.aux_pool == "max":
            return self.object_head(enc).float().amax(dim=1)  # (B, N, C) -> (B, C)
        assert self.cfg.aux_pool == "mean", f"unknown aux_pool {self.cfg.aux_pool!r}"
        return self.object_head(enc.mean(dim=1)).float()

    @torch.no_grad()
    def generate(self, pixel_values, max_len: int = 0, banned=None, constrain=None):
        """Greedy decoding with the KV cache. Returns (B, T) token ids after <bos>; finished rows get <pad>.
        banned: optional callable enc -> (B, V) bool mask of tokens each image may not generate (the object gate);
        constrain: optional callable enc -> (callable tokens so far (B, t) -> (B, V) bool mask), a ban that depends
        on what was said (the count gate)."""
        max_len = max_len or self.cfg.max_len
        enc = self.encoder(pixel_values)
        mask = banned(enc) if banned is not None else None
        step_mask = constrain(enc) if constrain is not None else None
        B = enc.shape[0]
        ids = torch.full((B, 1), BOS, dtype=torch.long, device=enc.device)
        history = ids
        done = torch.zeros(B, dtype=torch.bool, device=enc.device)
        past, out = None, []
        for _ in range(max_len - 1):  # max_len counts the start token, as transformers.js does
            logits, past, _ = self.decoder(ids, enc, past=past)
            step = logits[:, -1].float()
            if mask is not None:
                step = step.masked_fill(mask, -1e9)
            if step_mask is not None:
                step = step.masked_fill(step_mask(history), -1e9)
            nxt = step.argmax(-1).masked_fill(done, PAD)  # (B,)
            history = torch.cat([history, nxt[:, None]], dim=1)
            out.append(nxt)
            done |= nxt == EOS
            if bool(done.all()):
                break
            ids = nxt[:, None]
        return torch.stack(out, dim=1)
