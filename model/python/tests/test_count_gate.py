import torch

from captioner.count_gate import CountGate
from captioner.presence_gate import gate_token_ids
from captioner.tokenizer import Tokenizer
from conftest import CLASSES

TOK = Tokenizer.build(["a picture of two red apples and a ball", "three traffic lights with an apple",
                       "a ball and two spheres", "a red apple"])


def ids(text: str) -> torch.Tensor:
    return torch.tensor([TOK.encode(text)[:-1]])  # from <bos>, without <eos>: what was said so far


def bans(counts: list, said: str) -> set:
    gate = CountGate(TOK, gate_token_ids(CLASSES, TOK))
    mask = gate.banned(torch.tensor([counts], dtype=torch.float), ids(said), len(TOK))[0]
    return {TOK.words[i] for i in mask.nonzero().flatten().tolist()}


def test_a_count_word_needs_a_class_counted_so_that_is_not_yet_named():
    # apples 2, balls 1, traffic lights 0 (left to the presence gate)
    assert bans([2.2, 0.9, 0.1], "a picture of") == {"three"}
    assert bans([2.2, 0.9, 0.1], "a picture of two red apples and") == {"two", "three"}
    assert "a" not in bans([0.0, 0.0, 0.0], "")  # "a" also starts captions: never banned


def test_a_class_word_after_a_count_word_must_match_its_count():
    assert bans([2.2, 0.9, 0.1], "a picture of two red") == {"three", "ball", "spheres"}  # the words in TOK
    assert bans([2.2, 0.9, 0.1], "a picture of a") >= {"apple", "apples"}
    assert "ball" not in bans([2.2, 0.9, 0.1], "a picture of a")
    # a class counted 0 is not banned: the count head may miss it
    assert "lights" not in bans([2.2, 0.9, 0.1], "a picture of two")


def test_the_count_is_read_as_the_metrics_read_it():
    # not past a linking word, nor more than three words back
    assert "ball" not in bans([2.0, 1.0, 0.0], "two apples and")
    assert "ball" not in bans([2.0, 1.0, 0.0], "two red red red")


def test_a_wider_tolerance_keeps_a_count_the_head_is_unsure_of():
    wide = CountGate(TOK, gate_token_ids(CLASSES, TOK), tolerance=0.75)
    mask = wide.banned(torch.tensor([[1.6, 0.9, 0.0]]), ids("a picture of a"), len(TOK))[0]
    assert not mask[TOK.index["apple"]]  # 1.6 is within 0.75 of "a"
    assert "apple" in bans([1.6, 0.9, 0.0], "a picture of a")  # but rounds to 2
