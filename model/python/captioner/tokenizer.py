"""Word-level caption tokenizer, saved as a Hugging Face tokenizer.json that transformers.js and
@huggingface/tokenizers load.

Normalisation (the TypeScript side must apply the same rules to captions it compares):
  1. lower case;
  2. delete apostrophes (' and the typographic ’), so "dog's" -> "dogs";
  3. every other character that is not a letter, digit or whitespace becomes a space ("t-shirt" -> "t shirt");
  4. collapse runs of whitespace to one space and strip the ends.
tokenizer.json itself only lower-cases and splits on whitespace (decoding needs nothing more).
"""

import json
import os
import re
from collections import Counter

PAD, BOS, EOS, UNK = 0, 1, 2, 3
SPECIALS = ["<pad>", "<bos>", "<eos>", "<unk>"]

_APOSTROPHES = re.compile(r"['\u2019]")
_PUNCT = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    text = _APOSTROPHES.sub("", text.lower())
    text = _PUNCT.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


class Tokenizer:
    def __init__(self, words: list):
        assert words[: len(SPECIALS)] == SPECIALS, f"vocabulary must start with {SPECIALS}, got {words[:4]}"
        assert len(set(words)) == len(words), "vocabulary has duplicate words"
        self.words = list(words)
        self.index = {w: i for i, w in enumerate(words)}

    @classmethod
    def build(cls, captions, min_count: int = 1) -> "Tokenizer":
        """Vocabulary of the normalised training captions: most frequent first, ties alphabetical."""
        counts = Counter(w for c in captions for w in normalize(c).split())
        kept = sorted((w for w, n in counts.items() if n >= min_count and w not in SPECIALS),
                      key=lambda w: (-counts[w], w))
        return cls(SPECIALS + kept)

    def __len__(self) -> int:
        return len(self.words)

    def encode(self, caption: str, max_len: int = 0) -> list:
        """<bos> words <eos>; with max_len > 0, words are truncated so the whole sequence fits."""
        ids = [self.index.get(w, UNK) for w in normalize(caption).split()]
        if max_len:
            assert max_len >= 3, "max_len must leave room for <bos>, a word and <eos>"
            ids = ids[: max_len - 2]
        return [BOS] + ids + [EOS]

    def decode(self, ids) -> str:
        """Words up to the first <eos>, specials dropped, joined by single spaces (as transformers.js does)."""
        out = []
        for i in ids:
            i = int(i)
            if i == EOS:
                break
            if i >= len(SPECIALS):
                out.append(self.words[i])
        return " ".join(out)

    # --- Hugging Face files -------------------------------------------------------------------------------------

    def tokenizer_json(self) -> dict:
        added = [{"id": i, "content": w, "single_word": False, "lstrip": False, "rstrip": False,
                  "normalized": False, "special": True} for i, w in enumerate(SPECIALS)]
        return {
            "version": "1.0",
            "truncation": None,
            "padding": None,
            "added_tokens": added,
            # The same normalisation as normalize() above, so tokenizers libraries encode captions as training did.
            "normalizer": {"type": "Sequence", "normalizers": [
                {"type": "Lowercase"},
                {"type": "Replace", "pattern": {"Regex": "['\u2019]"}, "content": ""},
                {"type": "Replace", "pattern": {"Regex": _PUNCT.pattern}, "content": " "},
            ]},
            "pre_tokenizer": {"type": "WhitespaceSplit"},
            "post_processor": None,
            "decoder": None,
            "model": {"type": "WordLevel", "vocab": dict(self.index), "unk_token": "<unk>"},
        }

    def save(self, out_dir: str, max_len: int) -> None:
        os.makedirs(out_dir, exist_ok=True)
        special_map = {"pad_token": "<pad>", "bos_token": "<bos>", "eos_token": "<eos>", "unk_token": "<unk>"}
        config = {
            "tokenizer_class": "PreTrainedTokenizerFast",
            **special_map,
            "model_max_length": max_len,
            "clean_up_tokenization_spaces": False,
            "added_tokens_decoder": {str(i): {"content": w, "lstrip": False, "normalized": False, "rstrip": False,
                                               "single_word": False, "special": True}
                                     for i, w in enumerate(SPECIALS)},
        }
        for name, content in [("tokenizer.json", self.tokenizer_json()), ("tokenizer_config.json", config),
                              ("special_tokens_map.json", special_map)]:
            with open(os.path.join(out_dir, name), "w", encoding="utf-8") as f:
                json.dump(content, f, ensure_ascii=False, indent=2)
                f.write("\n")

    @classmethod
    def load(cls, path: str) -> "Tokenizer":
        """Reads a tokenizer.json (a file or a directory holding one)."""
        if os.path.isdir(path):
            path = os.path.join(path, "tokenizer.json")
        with open(path, encoding="utf-8") as f:
            vocab = json.load(f)["model"]["vocab"]
        words = [None] * len(vocab)
        for w, i in vocab.items():
            words[i] = w
        assert None not in words, f"{path}: vocabulary ids are not contiguous"
        return cls(words)
