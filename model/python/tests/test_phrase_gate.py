from captioner.presence_gate import PhraseGate, class_phrases, free_bigrams
from captioner.tokenizer import Tokenizer

CLASSES = [{"id": "grapes", "name": "bunch of grapes", "plural": "bunches of grapes", "synonyms": ["grapes"]},
           {"id": "orange", "name": "orange", "plural": "oranges", "synonyms": []},
           {"id": "dog", "name": "dog", "plural": "dogs", "synonyms": []},
           {"id": "hot-dog", "name": "hot dog", "plural": "hot dogs", "synonyms": []}]
CAPTIONS = ["a bunch of grapes and an orange", "two orange dogs on an orange background", "a picture of a hot dog",
            "a cartoon of two bunches of grapes"]
TOK = Tokenizer.build(CAPTIONS)


def bans(gate: PhraseGate, absent: list, said: str) -> set:
    return {TOK.words[t] for t in gate.banned_row(absent, TOK.encode(said)[:-1])}


def test_free_bigrams_are_where_words_are_used_outside_class_phrases():
    free = {(TOK.words[p], TOK.words[t]) for p, t in free_bigrams(CAPTIONS, CLASSES, TOK)}
    # "orange" is a colour before "dogs" and "background"; "of" links "picture of"; "bunch" and "hot" never are free
    assert ("two", "orange") in free and ("an", "orange") in free and ("picture", "of") in free
    assert ("and", "an") in free and ("<bos>", "a") in free
    assert not any(t in {"bunch", "bunches", "grapes", "hot", "dog", "dogs"} for _, t in free)
    assert ("of", "grapes") not in free and ("bunch", "of") not in free


def test_with_free_words_a_phrase_is_gated_from_its_first_word():
    gate = PhraseGate(class_phrases(CLASSES, TOK), free_bigrams(CAPTIONS, CLASSES, TOK))
    assert bans(gate, [True, False, False, False], "a") == {"bunch", "bunches", "grapes"}
    assert bans(gate, [False, False, False, True], "a") == {"hot"}  # "dog" alone names the present dog
    assert bans(gate, [False, True, False, False], "an") == set()  # the colour stays: "an orange dog"
    assert bans(gate, [False, True, False, False], "two dogs") == {"orange"}  # never a colour there
    # the last-word reading alone (older model files) lets "bunch" through and bans the colour
    old = PhraseGate(class_phrases(CLASSES, TOK))
    assert bans(old, [True, True, False, False], "a") == {"grapes", "orange"}
