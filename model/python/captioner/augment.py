"""Training-time style augmentation: make the encoder recognise objects by shape, not by one art set's rendering.

`test-style` holds out a whole art family (flat shading, no outlines, different proportions). These transforms
change how an object is drawn while keeping what the captions say true:
  - hue is never changed (captions name colours: "a red car"); saturation and contrast move only mildly;
  - geometry is never changed (captions name positions, and the patch-object targets come from the boxes).
What varies is texture and line work: posterising flattens shading into a few flat tones, a blur or a
down-and-up resample removes outlines and fine detail, and a mild unsharp mask adds line work back to flat art.

Everything is a pure function of (seed, step), so a resumed run replays the same augmented batches.
"""

import numpy as np
import torch
import torch.nn.functional as F


def _blur(x: torch.Tensor, sigma: float) -> torch.Tensor:
    """Separable Gaussian blur of (3, H, W), reflect padding."""
    radius = max(1, int(round(2.5 * sigma)))
    t = torch.arange(-radius, radius + 1, dtype=x.dtype)
    k = torch.exp(-(t * t) / (2 * sigma * sigma))
    k = k / k.sum()
    y = F.pad(x.unsqueeze(0), (radius, radius, radius, radius), mode="reflect")
    y = F.conv2d(y, k.view(1, 1, 1, -1).repeat(3, 1, 1, 1), groups=3)
    y = F.conv2d(y, k.view(1, 1, -1, 1).repeat(3, 1, 1, 1), groups=3)
    return y.squeeze(0)


def _posterize(x: torch.Tensor, levels: int) -> torch.Tensor:
    """Quantise each channel of normalised pixels ([-1, 1]) to `levels` flat tones."""
    u = (x.clamp(-1, 1) + 1) / 2
    return torch.round(u * (levels - 1)) / (levels - 1) * 2 - 1


def _resample(x: torch.Tensor, factor: float) -> torch.Tensor:
    """Down by `factor` and back up (bilinear): loses outlines and texture, keeps shapes and colours."""
    h, w = x.shape[-2:]
    small = F.interpolate(x.unsqueeze(0), size=(max(8, int(h / factor)), max(8, int(w / factor))),
                          mode="bilinear", align_corners=False, antialias=True)
    return F.interpolate(small, size=(h, w), mode="bilinear", align_corners=False).squeeze(0)


def _tone(x: torch.Tensor, contrast: float, saturation: float) -> torch.Tensor:
    grey = (0.299 * x[0] + 0.587 * x[1] + 0.114 * x[2]).unsqueeze(0)
    return ((grey + (x - grey) * saturation) * contrast).clamp(-1, 1)


def style_augment(pixels: torch.Tensor, probability: float, seed: int, step: int) -> torch.Tensor:
    """pixels: normalised (B, 3, H, W). Each image is restyled with `probability`; returns a new tensor."""
    if probability <= 0:
        return pixels
    rng = np.random.default_rng([seed, 104729, step])
    out = pixels.clone()
    for i in range(out.shape[0]):
        if rng.random() >= probability:
            continue
        x = out[i]
        kind = rng.integers(0, 4)
        if kind == 0:
            x = _posterize(_blur(x, float(rng.uniform(0.6, 1.2))), int(rng.integers(5, 9)))
        elif kind == 1:
            x = _blur(x, float(rng.uniform(0.7, 1.6)))
        elif kind == 2:
            x = _resample(x, float(rng.uniform(1.6, 2.6)))
        else:
            x = (x + float(rng.uniform(0.5, 1.2)) * (x - _blur(x, 1.2))).clamp(-1, 1)  # unsharp: bolder lines
        out[i] = _tone(x, float(rng.uniform(0.85, 1.15)), float(rng.uniform(0.8, 1.2)))
    return out
