import pytest
import torch

from captioner.model import Captioner
from captioner.tokenizer import BOS, PAD

from conftest import tiny_config


def make(**overrides):
    torch.manual_seed(0)
    return Captioner(tiny_config(**overrides)).eval()


@pytest.mark.parametrize("stem", ["conv", "patch"])
def test_forward_shapes(stem):
    model = make(stem=stem)
    cfg = model.cfg
    pixels = torch.randn(3, 3, 32, 32)
    enc = model.encoder(pixels)
    assert enc.shape == (3, 16, 32)  # (32 / 8)^2 tokens of width n_embd
    ids = torch.randint(4, cfg.vocab_size, (3, 5))
    logits, presents, cross = model.decoder(ids, enc)
    assert logits.shape == (3, 5, cfg.vocab_size)
    assert len(presents) == len(cross) == cfg.dec_layers
    assert presents[0][0].shape == presents[0][1].shape == (3, 4, 5, 8)
    assert cross[0].shape == (3, 4, 5, 16)
    torch.testing.assert_close(cross[0].sum(-1), torch.ones(3, 4, 5))  # softmax weights over patches
    tokens = model.generate(pixels)
    assert tokens.shape[0] == 3 and tokens.shape[1] <= cfg.max_len - 1


def test_object_head_adds_loss():
    model = make(num_object_classes=3, aux_object_loss=2.0)
    pixels, ids = torch.randn(2, 3, 32, 32), torch.randint(4, 20, (2, 6))
    _, with_aux = model(pixels, ids, ids, torch.tensor([[1.0, 0, 0], [0, 1.0, 1.0]]))
    _, without = model(pixels, ids, ids)
    assert with_aux.item() > without.item()


def test_loss_ignores_padding():
    model = make()
    pixels = torch.randn(2, 3, 32, 32)
    inp = torch.tensor([[BOS, 5, 6, 7, PAD, PAD], [BOS, 8, 9, 10, 11, 12]])
    tgt = torch.tensor([[5, 6, 7, 2, PAD, PAD], [8, 9, 10, 11, 12, 2]])
    _, loss = model(pixels, inp, tgt)
    inp2 = inp.clone()
    inp2[0, 4:] = torch.tensor([13, 14])  # what the model reads after the caption ends is never scored
    _, loss2 = model(pixels, inp2, tgt)
    assert loss.item() == pytest.approx(loss2.item(), abs=1e-6)
    tgt3 = tgt.clone()
    tgt3[0, 3] = 9  # a real target does count
    _, loss3 = model(pixels, inp, tgt3)
    assert abs(loss3.item() - loss.item()) > 1e-4


def test_kv_cache_matches_full_prefix():
    model = make()
    enc = model.encoder(torch.randn(2, 3, 32, 32))
    ids = torch.randint(4, 20, (2, 7))
    full, _, full_cross = model.decoder(ids, enc)
    _, past, _ = model.decoder(ids[:, :3], enc)  # a 3-token prefix, then one token at a time
    for t in range(3, 7):
        step, past, cross = model.decoder(ids[:, t: t + 1], enc, past=past)
        torch.testing.assert_close(step[:, 0], full[:, t], atol=1e-5, rtol=0)
        torch.testing.assert_close(cross[1][:, :, 0], full_cross[1][:, :, t], atol=1e-6, rtol=0)
    assert past[0][0].shape[2] == 7


def test_left_padding_matches_unpadded_rows():
    model = make()
    enc = model.encoder(torch.randn(2, 3, 32, 32))
    long_row, short_row = torch.tensor([[BOS, 5, 6, 7, 8]]), torch.tensor([[BOS, 9, 10]])
    ref_long, _, _ = model.decoder(long_row, enc[:1])
    ref_short, _, _ = model.decoder(short_row, enc[1:])
    ids = torch.tensor([[BOS, 5, 6, 7, 8], [PAD, PAD, BOS, 9, 10]])
    mask = torch.tensor([[1, 1, 1, 1, 1], [0, 0, 1, 1, 1]])
    logits, past, _ = model.decoder(ids, enc, attention_mask=mask)
    torch.testing.assert_close(logits[0], ref_long[0], atol=1e-5, rtol=0)
    torch.testing.assert_close(logits[1, 2:], ref_short[0], atol=1e-5, rtol=0)
    # and one cached step later, both rows still match their unpadded selves
    nxt = torch.tensor([[11], [12]])
    step, _, _ = model.decoder(nxt, enc, attention_mask=torch.cat([mask, torch.ones(2, 1, dtype=torch.long)], 1),
                               past=past)
    ref_short2, _, _ = model.decoder(torch.cat([short_row, nxt[1:]], 1), enc[1:])
    torch.testing.assert_close(step[1, 0], ref_short2[0, -1], atol=1e-5, rtol=0)
    assert torch.isfinite(logits).all()


def test_patch_object_loss_adds_to_the_caption_loss():
    model = make(num_object_classes=3, patch_object_loss=1.0)
    assert model.patch_head is not None and model.patch_head.out_features == 4
    pixels = torch.randn(2, 3, model.cfg.image_size, model.cfg.image_size)
    ids = torch.randint(4, model.cfg.vocab_size, (2, 5))
    n = model.cfg.grid ** 2
    _, with_patches = model(pixels, ids, ids, patch_targets=torch.randint(0, 4, (2, n)))
    _, without = model(pixels, ids, ids)
    assert with_patches.item() > without.item()


def test_count_loss_starts_near_no_objects_and_adds_to_the_caption_loss():
    model = make(num_object_classes=3, count_loss=1.0)
    pixels = torch.randn(2, 3, model.cfg.image_size, model.cfg.image_size)
    ids = torch.randint(4, model.cfg.vocab_size, (2, 5))
    with torch.no_grad():
        counts = model.object_counts(model.encoder(pixels))
    assert counts.shape == (2, 3) and (counts >= 0).all() and counts.max() < 0.1
    truth = torch.tensor([[2.0, 0.0, 1.0], [0.0, 3.0, 0.0]])
    _, with_counts = model(pixels, ids, ids, count_targets=truth)
    _, without = model(pixels, ids, ids)
    # Huber summed over classes, mean over images: (1.5 + 0.5 + 2.5) / 2 with every count near 0
    assert abs((with_counts - without).item() - 2.25) < 0.1


def test_precomputed_cross_attention_keys_values_give_the_same_logits():
    model = make()
    pixels = torch.randn(2, 3, model.cfg.image_size, model.cfg.image_size)
    ids = torch.randint(4, model.cfg.vocab_size, (2, 5))
    with torch.no_grad():
        enc = model.encoder(pixels)
        plain, _, _ = model.decoder(ids, enc)
        cross = [block.cross.cross_kv(enc) for block in model.decoder.blocks]
        cached, _, _ = model.decoder(ids, None, cross_kv=cross)
    torch.testing.assert_close(cached, plain)


def test_generate_applies_image_and_history_bans():
    model = make().eval()
    pixels = torch.randn(2, 3, model.cfg.image_size, model.cfg.image_size)
    free = model.generate(pixels, max_len=8)
    first = free[:, 0]
    # an image-level ban of each row's first token: the rows start differently
    banned = model.generate(pixels, max_len=8, banned=lambda enc: torch.nn.functional.one_hot(
        first, model.cfg.vocab_size).bool())
    assert (banned[:, 0] != first).all()
    # a history-dependent ban: after any token, that same token may not follow (no immediate repeats)
    def no_repeat(enc):
        return lambda history: torch.nn.functional.one_hot(history[:, -1], model.cfg.vocab_size).bool()
    assert any(a == b for row in free.tolist() for a, b in zip(row, row[1:]))  # this random model does repeat
    ids = model.generate(pixels, max_len=8, constrain=no_repeat)
    for row in ids.tolist():
        live = [t for t in row if t != PAD]
        assert all(a != b for a, b in zip(live, live[1:]))
