"""The count gate: count words and class words a caption may only pair as the encoder's count head counts them.

The count head (trained with `count_loss`) estimates how many objects of each class an image holds. Counts in a
caption are the count word before a class word ("two orange pears": "two" for "pears"), the pairing the grounded
metrics read. While decoding, for each hypothesis:
- a count word of two or more ("two", "three", ...) is banned unless some class not yet named is counted so;
- a class word whose nearest count word (at most three words back, not past a linking word or another class word,
  as the metrics read it) states n is banned when its class is counted as something other than n.
A class is counted n when the head's estimate is within `tolerance` of n (0.5: the rounded estimate; more lets
the decoder keep a count the head is unsure of). A class the head counts below 0.5 is left to the presence gate:
the head may miss small or hidden objects, and banning the class would only lose it. "a"/"an" also start captions
("a cartoon of ..."), so they are never banned.
"""

import torch

from .grounded import COUNT_WORDS, STOP_WORDS
from .tokenizer import Tokenizer


class CountGate:
    def __init__(self, tok: Tokenizer, class_tokens: list, max_back: int = 3, tolerance: float = 0.5):
        """class_tokens: per class (the count head's order) its class-word token ids (presence_gate.gate_token_ids)."""
        self.count_of = {}  # token id -> stated count
        for word, n in COUNT_WORDS.items():
            ids = tok.encode(word)[1:-1]
            if len(ids) == 1 and ids[0] >= 4:
                self.count_of[ids[0]] = n
        self.stop = {ids[0] for w in STOP_WORDS if len(ids := tok.encode(w)[1:-1]) == 1 and ids[0] >= 4}
        self.class_of = {t: c for c, tokens in enumerate(class_tokens) for t in tokens}
        self.class_tokens = class_tokens
        self.max_back = max_back
        self.tolerance = tolerance

    def banned(self, counts: torch.Tensor, history: torch.Tensor, vocab_size: int) -> torch.Tensor:
        """counts (B, C) estimated objects per class; history (B, T) tokens so far (from <bos>) -> (B, V) bool."""
        estimates = counts.float().tolist()
        mask = torch.zeros(len(estimates), vocab_size, dtype=torch.bool)
        for b, row in enumerate(history.tolist()):
            named = {self.class_of[t] for t in row if t in self.class_of}
            seen = [(c, e) for c, e in enumerate(estimates[b]) if e >= 0.5]  # classes the head counts at all
            for token, n in self.count_of.items():
                if n >= 2 and not any(abs(e - n) < self.tolerance for c, e in seen if c not in named):
                    mask[b, token] = True
            stated = self._stated_count(row)
            if stated is not None:
                for c, e in seen:
                    if abs(e - stated) >= self.tolerance:
                        mask[b, self.class_tokens[c]] = True
        return mask

    def _stated_count(self, row: list):
        """The count word the next class word would be read with, or None."""
        for t in reversed(row[-self.max_back:]):
            if t in self.count_of:
                return self.count_of[t]
            if t in self.stop or t in self.class_of:
                return None
        return None
