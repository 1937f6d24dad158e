"""The object-presence gate: class words a caption may only use when the encoder's presence head sees the class.

The presence head (multi-label, trained with `aux_object_loss`) scores each object class per image. A class word
is the last word of a class's name, plural or synonym ("dog", "puppies", "sunglasses") when that word names only
this class; words shared by several classes ("pair" in "pair of sunglasses", "pair of scissors") are never gated.
At decoding time a class's words are banned for an image whose presence probability for it is below a threshold,
as Hugging Face's bad-words processor bans tokens: one processor more, the beam search itself unchanged.
"""

import json
import os

from .grounded import Grounder
from .tokenizer import Tokenizer, normalize


def gate_token_ids(classes: list, tok: Tokenizer) -> list:
    """Per class (classes.json order, the presence head's order): the token ids of its class words."""
    owners = {}
    for index, c in enumerate(classes):
        for text in [c["name"], c.get("plural", "")] + list(c.get("synonyms", [])):
            words = normalize(text).split()
            if words:
                owners.setdefault(words[-1], set()).add(index)
    per_class = [[] for _ in classes]
    for word, owner in sorted(owners.items()):
        token = tok.encode(word)[1:-1]  # without <bos> and <eos>
        if len(owner) == 1 and len(token) == 1 and token[0] >= 4:  # ids below 4 are the specials (and <unk>)
            per_class[next(iter(owner))].append(token[0])
    return per_class


def class_phrases(classes: list, tok: Tokenizer) -> list:
    """Per class (classes.json order): the token-id tuples of its name, plural and synonyms (those the vocabulary
    spells without <unk>)."""
    per_class = []
    for c in classes:
        phrases = set()
        for text in [c["name"], c.get("plural", "")] + list(c.get("synonyms", [])):
            ids = tuple(tok.encode(text)[1:-1])
            if ids and min(ids) >= 4:
                phrases.add(ids)
        per_class.append(sorted(phrases))
    return per_class


def free_bigrams(captions: list, classes: list, tok: Tokenizer) -> list:
    """[previous token id, token id]: where the captions use a word outside class phrases, as the grounded metrics
    read them, and the token before it (<bos> first). "of" after "picture", "top" before "left", the colour "orange"
    after "an" ("an orange car") are free; "orange" after "red" never is, so there it can only name the fruit."""
    grounder, free = Grounder(classes), set()
    for caption in captions:
        words = normalize(caption).split()
        ids = tok.encode(caption)[:-1]  # <bos> + one token per word (the tokenizer is word-level)
        inside = {i for start, end, _ in grounder.spans(words) for i in range(start, end)}
        free.update((ids[i], ids[i + 1]) for i in range(len(words)) if i not in inside and ids[i + 1] >= 4)
    return sorted(free)


def training_free_bigrams(data: str, classes: list, tok: Tokenizer):
    """free_bigrams of a data set's training captions (data/train/captions_train.json), or None without them."""
    path = os.path.join(data, "train", "captions_train.json")
    if not classes or not os.path.isfile(path):
        return None
    with open(path, encoding="utf-8") as f:
        return free_bigrams([a["caption"] for a in json.load(f)["annotations"]], classes, tok)


class PhraseGate:
    """The presence gate read in context, as the grounded metrics read captions: a word that would complete a class
    phrase ("dog" after "hot" completes "hot dog"; after "a" it completes "dog") is banned only when every class it
    could complete there is absent. So words shared by several classes ("dog", "ball", "glasses", "car") are gated
    too, and a word is never banned for a class that the words before it rule out.

    Given the free bigrams (free_bigrams), a word that starts or continues a phrase is read too: "bunch" can only
    begin "bunch of grapes", so it is banned when the grapes are absent, before the caption commits to a phrase whose
    last word would then be banned ("a red bunch of footballs"). A word is never banned after a token the training
    captions use it freely after ("an orange car"). Mirrors the engine's gpu-worker/src/decode/phrase-gate.ts."""

    def __init__(self, phrases_per_class: list, free=None):
        """free: (previous token, token) pairs, or None for the last-word reading alone (older model files)."""
        self.free = set(map(tuple, free)) if free is not None else set()
        self.readings = {}  # token -> [(the phrase's tokens before it, class index)]
        for c, phrases in enumerate(phrases_per_class):
            for p in phrases:
                for k in (range(len(p)) if free is not None else [len(p) - 1]):
                    self.readings.setdefault(p[k], []).append((tuple(p[:k]), c))

    def banned_row(self, absent, history: list) -> list:
        """absent: per class, is its presence below the threshold; history: tokens so far -> banned token ids."""
        banned, previous = [], history[-1] if history else None
        for token, entries in self.readings.items():
            if (previous, token) in self.free:
                continue
            could = [c for prefix, c in entries if not prefix or tuple(history[-len(prefix):]) == prefix]
            if could and all(absent[c] for c in could):
                banned.append(token)
        return banned
