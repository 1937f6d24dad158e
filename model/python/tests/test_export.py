import json

import onnx
import torch

from captioner.export import export_model
from captioner.model import Captioner
from captioner.tokenizer import Tokenizer

from conftest import tiny_config


def test_export_leaves_the_model_untouched_and_names_the_axes(tmp_path):
    tok = Tokenizer.build(["a red ball", "two blue cubes on grass"])
    torch.manual_seed(0)
    model = Captioner(tiny_config(vocab_size=len(tok))).eval()
    before = {k: v.clone() for k, v in model.state_dict().items()}
    export_model(model, tok, str(tmp_path))
    # torch.onnx.export restores the mode of the module it was given: a wrapper left in training mode would
    # have switched the encoder's batch norm to training (and updated its statistics on the dummy input).
    assert not any(m.training for m in model.modules())
    for k, v in model.state_dict().items():
        assert torch.equal(v, before[k]), k

    dec = onnx.load(str(tmp_path / "onnx" / "decoder_model_merged.onnx"))
    shapes = {v.name: [d.dim_param or d.dim_value for d in v.type.tensor_type.shape.dim]
              for v in list(dec.graph.input) + list(dec.graph.output)}
    assert shapes["past_key_values.1.value"] == ["batch_size", 4, "past_decoder_sequence_length", 8]
    assert shapes["input_ids"] == ["batch_size", "decoder_sequence_length"]
    assert shapes["encoder_hidden_states"] == ["batch_size", "encoder_sequence_length", 32]
    assert shapes["use_cache_branch"] == [1]
    assert shapes["cross_attentions.0"] == ["batch_size", 4, "decoder_sequence_length", "encoder_sequence_length"]
    assert dec.opset_import[0].version == 17
    enc = onnx.load(str(tmp_path / "onnx" / "encoder_model.onnx"))
    assert [d.dim_param or d.dim_value for d in enc.graph.output[0].type.tensor_type.shape.dim] == \
        ["batch_size", "encoder_sequence_length", 32]
    gen = json.loads((tmp_path / "generation_config.json").read_text())
    assert gen["num_beams"] == 3 and gen["max_length"] == 12 and gen["early_stopping"] is False
    pre = json.loads((tmp_path / "preprocessor_config.json").read_text())
    assert pre["size"] == {"height": 32, "width": 32} and pre["image_mean"] == [0.5] * 3
