"""The jailbreak splits are honest: no normalised text and no group on two sides; seeded, so reproducible."""
import build


def rows(texts_groups):
    return [{"text": t, "label": 0, "source": "s", "group": g} for t, g in texts_groups]


def test_near_duplicates_and_groups_never_cross_splits():
    data = rows([(f"please write a long poem about the sea and the ships number {i}", f"g{i}") for i in range(40)]
                + [(f"unrelated question {i * 7919} about topic {i}", f"t{i % 5}") for i in range(60)])
    kept, _ = build.deduplicate(data)
    parts = build.split(kept, seed=1)
    seen = {}
    for name, part in parts.items():
        for r in part:
            assert seen.setdefault(r["group"], name) == name
    poems = [name for name, part in parts.items() for r in part if "poem" in r["text"]]
    assert len(set(poems)) == 1 and len(poems) <= build.MAX_PER_CLUSTER


def test_exact_duplicates_after_normalisation_are_dropped():
    kept, stats = build.deduplicate(rows([("Hello,   World!", "a"), ("hello world", "b"), ("other", "c")]))
    assert len(kept) == 2 and stats["exact_duplicate_dropped"] == 1


def test_split_is_seeded():
    data, _ = build.deduplicate(rows([(f"text number {i} " + "x" * i, f"g{i}") for i in range(50)]))
    assert build.split(data, seed=3) == build.split(data, seed=3)
