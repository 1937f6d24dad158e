"""Grounded caption metrics for scenes whose contents are known (see shared notes, metrics.md).

Mentions are found by longest match over normalised caption words of each class's name, plural and synonyms.
A mention's stated count is the nearest count word ("a", "two", ...) among the three words before it, not
looking past another mention or a linking word ("and", "with", "next", ...). A class name that is also a colour
word ("orange") is a colour, not a mention, when the next word starts a class phrase or is "background" (as
model/src/eval/metrics/mentions.ts reads it).
  recall   = named scene classes / scene classes (summed over images)
  chair_i  = named classes not in the scene / named classes (unique per caption, summed over captions)
  chair_s  = captions naming at least one absent class / captions
  count_acc = correctly counted / named scene classes that have a stated count
"""

import json

from .tokenizer import normalize

COUNT_WORDS = {"a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
               "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
STOP_WORDS = {"and", "with", "of", "on", "in", "at", "by", "near", "next", "to", "beside", "above", "below",
              "under", "over", "behind", "left", "right", "front", "from", "is", "are", "there"}
COLOUR_WORDS = {"black", "white", "red", "green", "yellow", "blue", "brown", "purple", "pink", "orange", "grey",
                "gray"}
MODIFIED_NOUNS = {"background", "backgrounds"}


class Grounder:
    def __init__(self, classes: list):
        """classes: classes.json entries {"id", "name", "plural", "synonyms"}."""
        self.phrases = {}  # tuple of words -> the class ids it can name ("tree": tree, christmas tree)
        for c in classes:
            for text in [c["name"], c.get("plural", "")] + list(c.get("synonyms", [])):
                words = tuple(normalize(text).split())
                if words and c["id"] not in self.phrases.setdefault(words, []):
                    self.phrases[words].append(c["id"])
        self.longest = max(len(p) for p in self.phrases)
        self.starts = {p[0] for p in self.phrases}

    @classmethod
    def from_file(cls, path: str) -> "Grounder":
        with open(path, encoding="utf-8") as f:
            return cls(json.load(f))

    def mentions(self, caption: str, truth=None) -> list:
        """[(class id, stated count or None)] in caption order. A phrase naming several classes names the one the
        scene holds (truth: the scene's class ids), else the first."""
        words = normalize(caption).split()
        found, prev_end = [], 0
        for start, end, ids in self.spans(words):
            cid = next((c for c in ids if truth is not None and c in truth), ids[0])
            found.append((cid, self._count_before(words, start, prev_end)))
            prev_end = end
        return found

    def spans(self, words: list) -> list:
        """[(start, end, class ids the phrase can name)] of the class phrases in normalised words, longest first."""
        found, i = [], 0
        while i < len(words):
            if words[i] in COLOUR_WORDS and i + 1 < len(words) and (
                    words[i + 1] in self.starts or words[i + 1] in MODIFIED_NOUNS):
                i += 1  # a colour modifying what follows ("two orange pears")
                continue
            for n in range(min(self.longest, len(words) - i), 0, -1):
                ids = self.phrases.get(tuple(words[i: i + n]))
                if ids is not None:
                    found.append((i, i + n, ids))
                    i += n
                    break
            else:
                i += 1
        return found

    @staticmethod
    def _count_before(words: list, start: int, stop: int):
        for j in range(start - 1, max(stop, start - 3) - 1, -1):
            if words[j] in COUNT_WORDS:
                return COUNT_WORDS[words[j]]
            if words[j] in STOP_WORDS:
                return None
        return None

    def score(self, captions: dict, scenes: list) -> dict:
        """captions: image id -> generated caption; scenes: scenes_<split>.json entries (only captioned ones count)."""
        by_id = {s["image_id"]: s for s in scenes}
        named_true = scene_total = named_total = hallucinated = bad_captions = counted = count_right = 0
        for image_id, caption in captions.items():
            truth = {}
            for obj in by_id[image_id]["objects"]:
                truth[obj["class"]] = truth.get(obj["class"], 0) + int(obj.get("count", 1))
            stated = {}
            for cid, count in self.mentions(caption, truth):
                stated.setdefault(cid, count)  # the first mention of a class states its count
            wrong = [c for c in stated if c not in truth]
            named_true += len(stated) - len(wrong)
            scene_total += len(truth)
            named_total += len(stated)
            hallucinated += len(wrong)
            bad_captions += bool(wrong)
            for cid, count in stated.items():
                if cid in truth and count is not None:
                    counted += 1
                    count_right += count == truth[cid]
        return {
            "recall": named_true / max(scene_total, 1),
            "chair_i": hallucinated / max(named_total, 1),
            "chair_s": bad_captions / max(len(captions), 1),
            "count_acc": count_right / max(counted, 1),
            "captions": len(captions),
        }
