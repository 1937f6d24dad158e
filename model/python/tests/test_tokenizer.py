import json

from captioner.tokenizer import BOS, EOS, SPECIALS, UNK, Tokenizer, normalize


def test_normalize():
    assert normalize("  A Dog's  red T-shirt,\tnext to   TWO cats! ") == "a dogs red t shirt next to two cats"
    assert normalize("Crème brûlée’s_top") == "crème brûlées top"


def test_round_trip_and_unknown_words():
    tok = Tokenizer.build(["Two red apples.", "a red ball", "A red ball!"], min_count=1)
    assert tok.words[:4] == SPECIALS and tok.words[4] == "red"  # most frequent first
    ids = tok.encode("Two RED apples!")
    assert ids[0] == BOS and ids[-1] == EOS
    assert tok.decode(ids[1:]) == "two red apples"
    assert tok.encode("purple apples") == [BOS, UNK, tok.index["apples"], EOS]
    assert len(tok.encode("a red ball a red ball", max_len=5)) == 5
    rare = Tokenizer.build(["a red ball", "a red cube"], min_count=2)
    assert "cube" not in rare.index and "red" in rare.index


def test_hugging_face_files(tmp_path):
    tok = Tokenizer.build(["a red ball", "two blue cubes"])
    tok.save(str(tmp_path), max_len=12)
    data = json.loads((tmp_path / "tokenizer.json").read_text())
    for key in ("model", "decoder", "post_processor", "pre_tokenizer", "normalizer", "added_tokens"):
        assert key in data, f"transformers.js needs top-level {key}"
    assert data["model"]["type"] == "WordLevel" and data["model"]["unk_token"] == "<unk>"
    assert data["normalizer"]["type"] == "Sequence" and data["pre_tokenizer"] == {"type": "WhitespaceSplit"}
    assert data["decoder"] is None and data["post_processor"] is None
    assert [(t["id"], t["content"], t["special"]) for t in data["added_tokens"]] == \
        [(0, "<pad>", True), (1, "<bos>", True), (2, "<eos>", True), (3, "<unk>", True)]
    config = json.loads((tmp_path / "tokenizer_config.json").read_text())
    assert config["eos_token"] == "<eos>" and config["bos_token"] == "<bos>"
    assert json.loads((tmp_path / "special_tokens_map.json").read_text())["pad_token"] == "<pad>"
    assert Tokenizer.load(str(tmp_path)).words == tok.words
