"""Builds the cache verifier's labelled pairs: STS-B and STS2016 question pairs plus generated chat-style
paraphrases and hard negatives (one entity, number, unit, direction or negation changed). De-duplicates, then splits
train/validation/test by question group with a fixed seed. QQP is never read here: it is evaluation only.

    python generate_pairs.py --data DIR_WITH_STS_FILES --out pairs.jsonl
"""
import argparse
import hashlib
import json
import random
import re
from pathlib import Path

from chat_intents import SYNONYM_INTENTS, slots_of

SEED = 11
SPLITS = (("train", 0.70), ("validation", 0.15), ("test", 0.15))

# Each intent: several chat-style phrasings of one question, over named slots. Fillers avoid the hand-written
# evaluation set's topics (switchboard-cli/src/test/resources/cache/chat-pairs-eval.jsonl).
INTENTS = [
    (["how do i {act} in {app}", "how can i {act} in {app}?", "what's the way to {act} in {app}",
      "{app}: how to {act}", "is there a way to {act} in {app}", "steps to {act} in {app}?",
      "can you tell me how to {act} in {app}", "where do i go to {act} in {app}"],
     {"act": ["export my contacts", "change the language", "turn on two-factor login", "mute notifications",
              "archive old messages", "set a custom ringtone", "share my screen", "create a shared folder",
              "schedule a message", "recover deleted photos", "change my profile picture", "see my login history"],
      "app": ["Slack", "Telegram", "WhatsApp", "Zoom", "Dropbox", "Outlook", "Teams", "Signal", "Notion", "Trello",
              "Discord", "OneDrive"]}),
    (["convert {n} {u1} to {u2}", "how many {u2} is {n} {u1}", "{n} {u1} in {u2}?", "what is {n} {u1} in {u2}",
      "how much is {n} {u1} in {u2}", "can you convert {n} {u1} into {u2}"],
     {"n": ["3", "7", "12", "25", "40", "90", "150"],
      "u1": ["liters", "grams", "feet", "yards", "gallons", "meters"],
      "u2": ["ounces", "pounds", "inches", "centimeters", "quarts", "millimeters"]}),
    (["what is the {attr} of {place}", "what's {place}'s {attr}", "tell me the {attr} of {place}",
      "{place} {attr}?", "do you know the {attr} of {place}", "i'd like to know the {attr} of {place}"],
     {"attr": ["population", "official language", "currency", "area", "national dish", "time zone"],
      "place": ["Peru", "Norway", "Kenya", "Vietnam", "Portugal", "Chile", "Finland", "Morocco", "Hungary",
                "Nepal", "Ecuador", "Ireland"]}),
    (["how do i {verb} {thing} in {lang}", "{lang}: {verb} {thing}", "how to {verb} {thing} using {lang}",
      "what's the {lang} code to {verb} {thing}", "best way to {verb} {thing} in {lang}?",
      "in {lang}, how can i {verb} {thing}"],
     {"verb": ["read", "parse", "sort", "filter", "merge", "serialize"],
      "thing": ["a csv file", "a json string", "a dictionary by value", "an array of dates", "two maps",
                "a tree structure"],
      "lang": ["Rust", "Go", "Kotlin", "Ruby", "Swift", "Scala", "C#", "TypeScript"]}),
    (["how long should i {cook} {food}", "how many minutes to {cook} {food}", "what's the cooking time to "
      "{cook} {food}", "{cook} {food}: how long?", "for how long do you {cook} {food}"],
     {"cook": ["roast", "steam", "grill", "bake", "fry", "poach"],
      "food": ["salmon", "broccoli", "pork chops", "sweet potatoes", "zucchini", "shrimp", "tofu", "lamb"]}),
    (["why does my {device} keep {symptom}", "my {device} keeps {symptom}, why?", "what causes a {device} to "
      "keep {symptom}", "reason my {device} is always {symptom}", "{device} constantly {symptom} - what's wrong"],
     {"device": ["printer", "dishwasher", "smart tv", "tablet", "car stereo", "smartwatch", "bluetooth speaker"],
      "symptom": ["disconnecting", "restarting", "beeping", "freezing", "losing sound", "turning off"]}),
    (["is it safe to {act} while {state}", "can i {act} when {state}", "should i {act} if i'm {state}",
      "is {act2} ok while {state}", "any risk to {act} while {state}?"],
     {"act": ["eat sushi", "drink green tea", "go running", "take a hot bath", "fly", "lift weights"],
      "act2": ["eating sushi", "drinking green tea", "running", "a hot bath", "flying", "lifting weights"],
      "state": ["pregnant", "on antibiotics", "sick with a cold", "breastfeeding", "fasting"]}),
    (["recommend a {genre} {medium} for {aud}", "what's a good {genre} {medium} for {aud}",
      "any {genre} {medium} suggestions for {aud}?", "suggest a {genre} {medium} for {aud}",
      "which {genre} {medium} would you recommend for {aud}"],
     {"genre": ["mystery", "sci-fi", "horror", "comedy", "fantasy", "historical"],
      "medium": ["book", "movie", "podcast", "board game", "tv show"],
      "aud": ["teenagers", "a long flight", "a family night", "beginners", "my dad"]}),
    (["how do i turn {sw} {feat} on my {dev}", "{dev}: turn {sw} {feat}", "how can i switch {sw} {feat} on a {dev}",
      "where's the setting to turn {sw} {feat} on my {dev}", "turning {sw} {feat} on {dev}, how?"],
     {"sw": ["on", "off"], "feat": ["location services", "bluetooth", "auto-brightness", "airplane mode",
                                     "battery saver", "night light", "hotspot", "voice assistant"],
      "dev": ["pixel", "galaxy phone", "kindle", "chromebook", "apple watch", "fire tv", "ipad"]}),
    (["how long is the train from {c1} to {c2}", "train {c1} to {c2} how long", "how many hours by train from "
      "{c1} to {c2}", "what's the train travel time from {c1} to {c2}", "{c1} to {c2} by train - how long does "
      "it take"],
     {"c1": ["Milan", "Lyon", "Munich", "Vienna", "Prague", "Zurich", "Brussels", "Porto"],
      "c2": ["Florence", "Geneva", "Hamburg", "Budapest", "Krakow", "Basel", "Amsterdam", "Seville"]}),
    (["what are the early symptoms of {ill}", "early signs of {ill}?", "how do i know if i have {ill}",
      "what symptoms does {ill} start with", "first symptoms of {ill} in adults"],
     {"ill": ["shingles", "lyme disease", "strep throat", "mono", "appendicitis", "gout", "anemia", "tinnitus",
              "sciatica", "vertigo"]}),
    (["what can i use instead of {ing} in {dish}", "substitute for {ing} in {dish}?", "{dish} without {ing}: what "
      "do i use instead", "what's a good replacement for {ing} when making {dish}", "no {ing} for my {dish}, "
      "what can i swap in"],
     {"ing": ["buttermilk", "baking soda", "heavy cream", "brown sugar", "shallots", "cornstarch", "sour cream"],
      "dish": ["muffins", "soup", "brownies", "curry", "biscuits", "gravy", "cheesecake"]}),
    (["what does {term} mean in {field}", "meaning of {term} in {field}", "in {field}, what is {term}",
      "define {term} ({field})", "can you explain {term} in {field} terms"],
     {"term": ["liquidity", "latency", "entropy", "leverage", "throughput", "yield", "bias", "margin"],
      "field": ["finance", "networking", "physics", "statistics", "economics", "machine learning"]}),
    (["what's the best {item} under ${price}", "best {item} for less than ${price}?", "recommend a {item} under "
      "${price}", "good {item} below ${price}", "which {item} should i buy for under ${price}"],
     {"item": ["mechanical keyboard", "running shoe", "espresso machine", "gaming mouse", "standing desk",
               "air purifier", "drone"],
      "price": ["50", "100", "200", "300", "500", "800"]}),
    (["how do i {op} a {acct} account at {bank}", "{op} {acct} account {bank} how", "what do i need to {op} a "
      "{acct} account with {bank}", "steps to {op} my {acct} account at {bank}"],
     {"op": ["open", "close", "freeze", "upgrade"], "acct": ["savings", "checking", "business", "joint"],
      "bank": ["Barclays", "Chase", "HSBC", "Santander", "Wells Fargo", "Monzo"]}),
]

CHAT_PREFIXES = ["", "", "", "hey, ", "quick question: ", "hi! ", "so ", "ok "]
CHAT_SUFFIXES = ["", "", "", "?", " thanks", " pls", " please", "??"]


def chatty(rng, text):
    """Chat noise applied to both sides of every generated pair, so it never tells the classes apart."""
    if rng.random() < 0.4:
        text = text.lower()
    return rng.choice(CHAT_PREFIXES) + text.rstrip("?") + rng.choice(CHAT_SUFFIXES)


def typed_fast(rng, text):
    """What hurried typing does: apostrophes dropped ("what's" -> "whats"), sometimes no capital."""
    if rng.random() < 0.25:
        text = text.replace("'", "")
    return text


def synonym_pairs(rng, per_intent=160):
    """Paraphrases that use other words for the same meanings, and hard negatives that change one meaning while
    keeping the phrasing (chat_intents.py)."""
    out = []
    for templates, own in SYNONYM_INTENTS:
        slots = slots_of(own)
        used = [k for k in slots if any("{" + k + "}" in t for t in templates)]
        for _ in range(per_intent):
            meaning = {k: rng.randrange(len(slots[k])) for k in used}
            group = fill(templates[0], {k: slots[k][i][0] for k, i in meaning.items()})
            a, b = rng.sample(templates, 2)
            say = lambda m: {k: rng.choice(slots[k][i]) for k, i in m.items()}
            first = typed_fast(rng, chatty(rng, fill(a, say(meaning))))
            out.append((first, typed_fast(rng, chatty(rng, fill(b, say(meaning)))), 1,
                        "generated-synonym-paraphrase", group))
            key = rng.choice(used)
            other = dict(meaning, **{key: rng.choice([i for i in range(len(slots[key])) if i != meaning[key]])})
            c = b if rng.random() < 0.6 else a
            out.append((first, typed_fast(rng, chatty(rng, fill(c, say(other)))), 0, "generated-synonym-negative",
                        group))
    return out

ANTONYMS = [("increase", "decrease"), ("enable", "disable"), ("upload", "download"), ("import", "export"),
            ("install", "uninstall"), ("before", "after"), ("encrypt", "decrypt"), ("buy", "sell"), ("to", "from"),
            ("add", "remove"), ("open", "close"), ("lock", "unlock"), ("hot", "cold"), ("maximum", "minimum"),
            ("more", "less"), ("start", "stop"), ("show", "hide"), ("compress", "decompress")]
DIRECTED = ["how do i {a} files on {s}", "what happens if i {a} the {s} settings", "is it better to {a} {s} now",
            "steps to {a} a {s} key", "how to {a} {s} automatically", "when should i {a} my {s} plan"]
DIRECTED_SLOTS = ["Linux", "the server", "my account", "SSH", "the database", "Windows", "the phone", "the app"]
NEGATABLE = ["can i {x}", "should i {x}", "is it possible to {x}", "do i need to {x}", "is it normal to {x}"]
NEGATED = ["can i not {x}", "should i not {x}", "is it impossible to {x}", "do i not need to {x}",
           "is it not normal to {x}"]
NEGATABLE_X = ["water succulents every day", "use olive oil for frying", "renew a visa online",
               "sleep with contacts in", "reuse a tea bag", "charge a phone overnight", "freeze cooked rice",
               "paint over wallpaper", "run a marathon without training", "wash wool in a machine"]


def fill(template, slots):
    return re.sub(r"\{(\w+)\}", lambda m: slots[m.group(1)], template)


def generated(rng):
    """Chat-style paraphrases (label 1) and one-slot-changed hard negatives (label 0)."""
    out = []
    for phrasings, slots in INTENTS:
        for _ in range(150):
            values = {k: rng.choice(v) for k, v in slots.items()}
            a, b = rng.sample(phrasings, 2)
            out.append((chatty(rng, fill(a, values)), chatty(rng, fill(b, values)), 1, "generated-paraphrase",
                        fill(phrasings[0], values)))
            key = rng.choice(list(slots))
            changed = dict(values, **{key: rng.choice([v for v in slots[key] if v != values[key]])})
            if key == "u1" and rng.random() < 0.5:  # swap the direction of a conversion
                changed = dict(values, u1=values["u2"], u2=values["u1"])
            c = rng.choice(phrasings) if rng.random() < 0.6 else a
            out.append((chatty(rng, fill(a, values)), chatty(rng, fill(c, changed)), 0, "generated-hard-negative",
                        fill(phrasings[0], values)))
    for _ in range(400):
        lo, hi = rng.choice(ANTONYMS)
        t, s = rng.choice(DIRECTED), rng.choice(DIRECTED_SLOTS)
        a, b = (lo, hi) if rng.random() < 0.5 else (hi, lo)
        out.append((fill(t, {"a": a, "s": s}), fill(t, {"a": b, "s": s}), 0, "generated-hard-negative",
                    fill(t, {"a": lo, "s": s})))
    for x in NEGATABLE_X:
        for i, t in enumerate(NEGATABLE):
            out.append((fill(t, {"x": x}), fill(NEGATED[i], {"x": x}), 0, "generated-hard-negative", x))
            j = rng.choice([k for k in range(len(NEGATABLE)) if k != i])
            out.append((fill(t, {"x": x}), fill(NEGATABLE[j], {"x": x}).upper()[0] + fill(NEGATABLE[j], {"x": x})[1:],
                        1 if {i, j} <= {0, 2} else 0, "generated-negation-pair", x))
    return out


def stsb(path):
    for line in open(path):
        row = json.loads(line)
        score = row["score"]
        if score >= 4.0 or score <= 3.0:  # the middle band is neither the same question nor clearly another
            a, b = row["sentence1"], row["sentence2"]
            yield a, b, int(score >= 4.0), "stsb", a


def sts2016(path):
    for line in open(path):
        row = json.loads(line)
        score = row.get("score")
        if score is not None and (score >= 4.0 or score <= 3.0):
            yield row["a"], row["b"], int(score >= 4.0), "sts2016-question", row["a"]


def norm(text):
    return re.sub(r"\W+", " ", text.lower()).strip()


def split_of(group, rng_salt):
    h = int(hashlib.sha256((rng_salt + norm(group)).encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    edge = 0.0
    for name, share in SPLITS:
        edge += share
        if h < edge:
            return name
    return SPLITS[-1][0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True, help="directory with stsb_en.jsonl and sts2016_*.jsonl")
    ap.add_argument("--out", required=True)
    ap.add_argument("--synonyms", action="store_true",
                    help="add chat_intents.py's synonym paraphrases and one-meaning-changed negatives (not in the "
                         "shipped verifier's data: training on them lowered validation recall, docs/accuracy.md)")
    args = ap.parse_args()
    data = Path(args.data)
    rng = random.Random(SEED)
    rows = list(stsb(data / "stsb_en.jsonl")) + list(sts2016(data / "sts2016_question_question_postediting.jsonl"))
    rows += generated(rng)
    if args.synonyms:
        rows += synonym_pairs(rng)
    seen, kept = set(), []
    for a, b, label, source, group in rows:
        key = tuple(sorted((norm(a), norm(b))))
        if key[0] == key[1] or key in seen:
            continue
        seen.add(key)
        kept.append({"text_a": a, "text_b": b, "label": label, "source": source,
                     "split": split_of(group, str(SEED))})
    with open(args.out, "w") as f:
        for row in kept:
            f.write(json.dumps(row) + "\n")
    counts = {}
    for row in kept:
        k = (row["split"], row["source"], row["label"])
        counts[k] = counts.get(k, 0) + 1
    for k in sorted(counts):
        print(*k, counts[k])


if __name__ == "__main__":
    main()
