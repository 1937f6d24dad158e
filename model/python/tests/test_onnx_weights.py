"""A model directory read back into PyTorch computes what the model that was exported computes."""

import torch

from captioner.config import ModelConfig, config_from_dict
from captioner.export import export_model
from captioner.model import Captioner
from captioner.onnx_weights import load_model_dir
from captioner.tokenizer import Tokenizer

from conftest import CLASSES, tiny_config


def _exported(tmp_path, aux_pool):
    tok = Tokenizer.build(["a red apple", "two blue balls on grass", "a green traffic light"])
    torch.manual_seed(3)
    model = Captioner(tiny_config(vocab_size=len(tok), num_object_classes=len(CLASSES), count_loss=1.0,
                                  aux_pool=aux_pool))
    model.train()
    model.encoder(torch.randn(8, 3, 32, 32) * 2 + 0.5)  # non-trivial BatchNorm statistics to fold
    model.eval()
    export_model(model, tok, str(tmp_path), classes=CLASSES)
    return model, tok


def test_model_dir_round_trip_gives_the_same_outputs(tmp_path):
    for aux_pool in ("max", "mean"):
        out = tmp_path / aux_pool
        original, tok = _exported(out, aux_pool)
        loaded = load_model_dir(str(out))
        cfg = config_from_dict(ModelConfig, loaded["model_config"])
        assert cfg.aux_pool == aux_pool and cfg.num_object_classes == len(CLASSES) and cfg.count_loss > 0
        assert loaded["tokenizer"] == tok.words and loaded["classes"] == [c["id"] for c in CLASSES]
        model = Captioner(cfg)
        missing, unexpected = model.load_state_dict(loaded["model"], strict=False)
        assert missing == ["decoder.lm_head.weight"] and unexpected == []  # tied to wte, loaded with it
        model.eval()
        pixels = torch.randn(2, 3, 32, 32)
        ids = torch.tensor([[1, 4, 5, 6], [1, 7, 8, 2]])
        with torch.no_grad():
            enc_a, enc_b = original.encoder(pixels), model.encoder(pixels)
            assert torch.allclose(enc_a, enc_b, atol=1e-5), (enc_a - enc_b).abs().max()
            assert torch.allclose(original.decoder(ids, enc_a)[0], model.decoder(ids, enc_b)[0], atol=1e-5)
            assert torch.allclose(original.object_logits(enc_a), model.object_logits(enc_b), atol=1e-5)
            assert torch.allclose(original.object_counts(enc_a), model.object_counts(enc_b), atol=1e-5)
