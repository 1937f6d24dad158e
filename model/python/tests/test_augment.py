import torch

from captioner.augment import style_augment


def _scene() -> torch.Tensor:
    """Two images: a red square on blue, a green disc on white, normalised to [-1, 1]."""
    x = torch.full((2, 3, 32, 32), -1.0)
    x[0, 2] = 1.0
    x[0, :, 8:24, 8:24] = torch.tensor([1.0, -1.0, -1.0]).view(3, 1, 1)
    x[1] = 1.0
    yy, xx = torch.meshgrid(torch.arange(32), torch.arange(32), indexing="ij")
    disc = (yy - 16) ** 2 + (xx - 16) ** 2 < 64
    x[1, 0][disc], x[1, 2][disc] = -1.0, -1.0
    return x


def test_style_augment_is_a_function_of_seed_and_step():
    x = _scene()
    a, b = style_augment(x, 1.0, 7, 3), style_augment(x, 1.0, 7, 3)
    assert torch.equal(a, b)
    assert not torch.equal(a, style_augment(x, 1.0, 7, 4)) or not torch.equal(a, style_augment(x, 1.0, 8, 3))


def test_probability_zero_leaves_pixels_alone():
    x = _scene()
    assert style_augment(x, 0.0, 1, 1) is x


def test_colours_and_positions_survive_restyling():
    x = _scene()
    for step in range(12):
        y = style_augment(x, 1.0, 1, step)
        assert y.shape == x.shape and y.min() >= -1 and y.max() <= 1
        square = y[0, :, 12:20, 12:20].mean(dim=(1, 2))
        assert square[0] > square[1] + 0.5 and square[0] > square[2] + 0.5, f"step {step}: the red square is not red"
        outside = y[0, :, 0:4, 0:4].mean(dim=(1, 2))
        assert outside[2] > outside[0] + 0.5, f"step {step}: the blue background is not blue"
        disc = y[1, :, 14:18, 14:18].mean(dim=(1, 2))
        assert disc[1] > disc[0] + 0.5 and disc[1] > disc[2] + 0.5, f"step {step}: the green disc moved or changed"
