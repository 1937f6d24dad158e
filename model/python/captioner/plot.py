"""Learning-curve PNG drawn with PIL (matplotlib is not installed here)."""

from PIL import Image, ImageDraw

W, H, M = 520, 360, 48  # panel size and margin in pixels
COLOURS = {"train_loss": (31, 119, 180), "val_loss": (255, 127, 14), "recall": (44, 160, 44),
           "chair_i": (214, 39, 40), "count_acc": (148, 103, 189), "object_head_recall": (140, 86, 75), "patch_object_acc": (127, 127, 127)}


def _panel(draw, x0, title, rows, keys, y_range=None):
    draw.rectangle([x0 + M, M, x0 + W - 16, H - M], outline=(0, 0, 0))
    draw.text((x0 + M, 16), title, fill=(0, 0, 0))
    points = {k: [(r["step"], r[k]) for r in rows if r.get(k) is not None] for k in keys}
    values = [v for pts in points.values() for _, v in pts]
    steps = [s for pts in points.values() for s, _ in pts]
    if not values:
        return
    lo, hi = y_range or (min(values), max(values))
    hi = hi if hi > lo else lo + 1.0
    s_hi = max(max(steps), 1)

    def xy(step, value):
        return (x0 + M + (W - 16 - M) * step / s_hi, H - M - (H - 2 * M) * (value - lo) / (hi - lo))

    for frac in (0.0, 0.5, 1.0):
        draw.text((x0 + 4, H - M - (H - 2 * M) * frac - 6), f"{lo + (hi - lo) * frac:.3g}", fill=(0, 0, 0))
    draw.text((x0 + W - 16 - 60, H - M + 8), f"step {s_hi}", fill=(0, 0, 0))
    for i, key in enumerate(keys):
        pts = [xy(s, v) for s, v in points[key]]
        if len(pts) > 1:
            draw.line(pts, fill=COLOURS[key], width=2)
        for p in pts:
            draw.ellipse([p[0] - 2, p[1] - 2, p[0] + 2, p[1] + 2], fill=COLOURS[key])
        draw.text((x0 + M + 8 + 110 * (i % 4), H - M + 24), key, fill=COLOURS[key])


def save_learning_curve(rows: list, path: str) -> None:
    """rows: metrics.jsonl entries with "step" and any of the keys in COLOURS."""
    img = Image.new("RGB", (2 * W, H), (255, 255, 255))
    draw = ImageDraw.Draw(img)
    _panel(draw, 0, "loss", rows, ["train_loss", "val_loss"])
    _panel(draw, W, "grounded val metrics", rows, ["recall", "chair_i", "count_acc", "object_head_recall", "patch_object_acc"],
           (0.0, 1.0))
    img.save(path)
