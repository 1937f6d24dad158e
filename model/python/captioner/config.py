"""Model and training configuration. Checkpoints store both as dicts so a model can be rebuilt from them."""

from dataclasses import asdict, dataclass, fields


@dataclass
class ModelConfig:
    image_size: int = 128  # square input side in pixels; training images are rendered at this size
    patch_size: int = 16  # pixels per encoder token side: N = (image_size / patch_size)^2 = 64 tokens
    stem: str = "conv"  # "conv": stride-2 3x3 conv+BN+ReLU stack (learns objects faster per image); "patch": ViT Conv2d
    enc_layers: int = 4  # ViT encoder blocks
    dec_layers: int = 3  # GPT decoder blocks (self-attention with KV cache, cross-attention, MLP)
    n_embd: int = 256  # width of encoder and decoder (cross-attention reads the encoder states directly)
    n_head: int = 4  # attention heads in every attention layer; head size = n_embd / n_head
    dropout: float = 0.0  # dropout on attention weights and residual branches; the small models here underfit
    vocab_size: int = 0  # word-level vocabulary incl. the 4 specials; 0 = take it from the tokenizer at train time
    max_len: int = 32  # n_positions: longest token sequence incl. <bos> and <eos> (captions are truncated to fit)
    num_object_classes: int = 0  # size of the optional multi-label object-presence head; 0 disables it
    aux_object_loss: float = 0.0  # weight of that head's BCE loss (summed over classes, mean over images)
    patch_object_loss: float = 0.0  # weight of a dense loss: classify each patch as the object covering it (from
    #                                 the scene's visible boxes) or background; 0 disables it
    count_loss: float = 0.0  # weight of a per-class count loss: a density head on every patch whose sum over the
    #                          patches is the image's count of each class (Huber against the scene's counts); 0 off
    aux_pool: str = "mean"  # "mean": classify the mean-pooled encoder states; "max": classify every patch and take
    #                         the max over patches (multiple-instance style), so each patch learns what it shows

    @property
    def grid(self) -> int:
        return self.image_size // self.patch_size

    @property
    def head_size(self) -> int:
        return self.n_embd // self.n_head


@dataclass
class TrainConfig:
    batch_size: int = 64  # images per step (each with one of its captions drawn at random)
    lr: float = 1e-3  # peak AdamW learning rate, reached after warm-up
    min_lr: float = 1e-4  # cosine schedule floor
    warmup_steps: int = 300  # linear warm-up from 0
    schedule: str = "cosine"  # "cosine" decays to min_lr at max_steps; "constant" stays at lr after warm-up
    max_steps: int = 3600  # schedule length and stop point: 25-35 min at the 0.42-0.6 s/step measured on 2 cores
    weight_decay: float = 0.05  # AdamW decay on weight matrices and embeddings only (not norms, biases)
    grad_clip: float = 1.0  # clip the global gradient norm; 0 disables
    eval_interval: int = 500  # steps between evaluations (val loss, samples, grounded metrics, checkpoints)
    eval_images: int = 256  # val images captioned greedily per evaluation for the grounded metrics
    eval_loss_images: int = 512  # val images (first caption each) for the val loss
    samples: int = 4  # greedy captions printed per evaluation
    bf16: bool = True  # bf16 autocast on CPU: 2-3x faster here with the same loss curves
    threads: int = 0  # torch threads; 0 = os.cpu_count()
    seed: int = 1337  # seeds init, batch order, caption choice and dropout
    min_count: int = 1  # words seen fewer times in training captions map to <unk>
    train_splits: str = "train"  # comma-separated split folders under --data trained on as one (mixed_dataset.py)
    val_split: str = "val"  # the split the val loss and grounded metrics are measured on during training
    style_augment: float = 0.0  # share of training images restyled (posterise, blur, resample, sharpen; hue and
    #                              geometry kept, see augment.py) so recognition transfers to unseen art styles


def config_from_dict(cls, d: dict):
    """Builds a config dataclass from a dict, ignoring keys it does not know (older/newer checkpoints)."""
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in d.items() if k in names})


__all__ = ["ModelConfig", "TrainConfig", "asdict", "config_from_dict"]
