"""The object-presence gate: class words a caption may only use when the encoder's presence head sees the class.

The presence head (multi-label, trained with `aux_object_loss`) scores each object class per image. A class word
is the last word of a class's name, plural or synonym ("dog", "puppies", "sunglasses") when that word names only
this class; words shared by several classes ("pair" in "pair of sunglasses", "pair of scissors") are never gated.
At decoding time a class's words are banned for an image whose presence probability for it is below a threshold,
as Hugging Face's bad-words processor bans tokens: one processor more, the beam search itself unchanged.
"""

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
