"""Chat-style intents whose slots carry synonyms: a paraphrase says the same thing in other words ("clear" /
"empty", "fix" / "repair", "phone" / "mobile"), a hard negative keeps the words around and changes one meaning
(another product, concept, number, attribute, person or time). This is what a reworded question looks like in chat
traffic, and what a look-alike with another answer looks like; templated pairs that share every content word teach
neither. Topics avoid the hand-written evaluation set's (switchboard-cli/src/test/resources/cache/chat-pairs-eval.jsonl).

A slot value is a list of surface forms of one meaning: paraphrases draw two forms of the same value, hard negatives
another value of the same slot.
"""

VERB_SYNONYMS = [
    ["delete", "remove", "get rid of", "erase"],
    ["fix", "repair", "solve", "sort out"],
    ["speed up", "make faster", "improve the speed of"],
    ["back up", "make a backup of", "save a copy of"],
    ["cancel", "end", "terminate"],
    ["find", "locate", "look up"],
    ["change", "modify", "edit"],
    ["reset", "restore to factory settings", "factory reset"],
    ["clean", "wipe down", "sanitize"],
    ["hide", "conceal", "make invisible"],
]
NOUN_SYNONYMS = {
    "device": [["phone", "mobile", "cell phone", "smartphone"], ["laptop", "notebook computer", "notebook"],
               ["tv", "television", "telly"], ["car", "vehicle", "automobile"], ["bike", "bicycle"],
               ["fridge", "refrigerator"], ["couch", "sofa"], ["headphones", "earphones", "headset"]],
    "thing": [["photos", "pictures", "images", "pics"], ["messages", "texts", "chats"],
              ["files", "documents", "docs"], ["emails", "mail", "e-mails"], ["videos", "clips", "recordings"],
              ["notes", "memos"], ["contacts", "address book entries"], ["songs", "music", "tracks"]],
    "person": [["kids", "children", "little ones"], ["dog", "puppy", "pup"], ["cat", "kitten", "kitty"],
               ["boss", "manager", "supervisor"], ["parents", "mom and dad", "mother and father"],
               ["doctor", "physician", "gp"], ["teacher", "instructor"], ["coworker", "colleague"]],
    "adj": [["cheap", "inexpensive", "affordable", "budget"], ["fast", "quick", "speedy"],
            ["big", "large", "huge"], ["quiet", "silent", "low-noise"], ["healthy", "nutritious", "wholesome"],
            ["easy", "simple", "beginner-friendly"], ["old", "aging", "elderly"], ["scary", "frightening"]],
    "time": [["today", "this day"], ["tomorrow", "the next day"], ["at night", "in the evening", "after dark"],
             ["in the morning", "early in the day", "before noon"], ["on weekends", "on saturdays and sundays"],
             ["in winter", "during the winter", "in the cold months"], ["in summer", "during the summer"]],
}

# Templates per intent; {v} a verb meaning, {d}/{t}/{p}/{a}/{w} nouns, adjectives, times, {n} a number.
SYNONYM_INTENTS = [
    (["how do i {v} old {t} on my {d}", "what's the way to {v} old {t} from my {d}", "{v} old {t} on {d}?",
      "is there a way to {v} my old {t} on the {d}", "i need to {v} old {t} on my {d}, how",
      "any tips to {v} old {t} on a {d}", "help me {v} the old {t} on my {d}"],
     {"v": [VERB_SYNONYMS[i] for i in (0, 3, 5, 9)], "d": NOUN_SYNONYMS["device"][:2]}),
    (["how often should i {w} my {p}", "how frequently do i need to {w} my {p}", "what's a good schedule to {w}"
      " my {p}", "my {p}: how often to {w}", "how many times a week should i {w} my {p}"],
     {"w": [["feed", "give food to"], ["walk", "take out for a walk"], ["bathe", "wash", "give a bath to"],
            ["check on", "look in on"], ["brush", "groom"]], "p": NOUN_SYNONYMS["person"][1:3]}),
    (["what's a {a} {d} to buy", "can you recommend a {a} {d}", "which {d} is {a} and good",
      "i'm looking for a {a} {d}, any ideas", "suggest a good {a} {d}", "best {a} {d}?"], {}),
    (["what can i do with my {p} {w}", "ideas for things to do with {p} {w}", "fun activities with my {p} {w}?",
      "how to keep my {p} busy {w}", "any suggestions for spending time with the {p} {w}"],
     {"w": [["today", "this day"], ["tomorrow", "the next day"], ["at night", "in the evening", "after dark"],
            ["on weekends", "on saturdays and sundays"], ["in winter", "during the winter", "in the cold months"],
            ["when it rains", "on a rainy day", "in rainy weather"]],
     "p": [NOUN_SYNONYMS["person"][i] for i in (0, 1, 2, 4)]}),
    (["why won't my {d} turn on", "my {d} doesn't turn on, why", "{d} won't power on - what's wrong",
      "what to do when the {d} won't switch on", "reasons a {d} refuses to turn on"], {}),
    (["how much does it cost to {v} a {d}", "what's the price to {v} a {d}", "{v} a {d}: how much?",
      "how expensive is it to {v} a {d}", "roughly what would i pay to {v} a {d}"],
     {"v": [["rent", "hire"], ["insure", "get insurance for"], ["ship", "send"], ["service", "maintain"]]}),
    (["is it bad to leave my {d} {c} {t}", "should i avoid leaving the {d} {c} {t}",
      "is leaving my {d} {c} {t} harmful", "does it hurt the {d} to stay {c} {t}"],
     {"c": [["plugged in", "charging", "on the charger"], ["switched on", "turned on", "running"],
            ["outside", "outdoors", "out in the open"]], "t": NOUN_SYNONYMS["time"][2:]}),
    (["convert {n} {c}", "how do i convert {n} {c}", "{n} {c}?", "what is {n} {c}", "can you change {n} {c}",
      "{n} {c}, how much is that"],
     {"c": [["hours to minutes", "hrs to mins", "hours into minutes"], ["minutes to hours", "mins to hrs"],
            ["kilograms to pounds", "kg to lbs", "kilos into pounds"], ["pounds to kilograms", "lbs to kg"],
            ["feet to meters", "ft to m", "feet into metres"], ["meters to feet", "metres to ft"],
            ["gigabytes to megabytes", "gb to mb"], ["days to weeks", "days into weeks"]],
      "n": [["2", "two"], ["3", "three"], ["5", "five"], ["8", "eight"], ["10", "ten"], ["12", "twelve"],
            ["24"], ["100"]]}),
    (["what's the difference between {x}", "how do {x} differ", "{x}: what's the difference?",
      "explain the difference between {x}", "are {x} the same thing", "{x} - how are they different"],
     {"x": [["viruses and bacteria", "bacteria and viruses", "a virus and a bacterium"],
            ["weather and climate", "climate and weather"], ["a loan and a mortgage", "loans and mortgages"],
            ["baking soda and baking powder", "baking powder and baking soda"],
            ["crocodiles and alligators", "alligators and crocodiles", "a crocodile and an alligator"],
            ["a latte and a cappuccino", "lattes and cappuccinos", "cappuccino and latte"],
            ["stocks and bonds", "bonds and stocks"], ["ram and storage", "memory and disk space"]]}),
    (["how long does it take to {l} {s}", "how much time do i need to {l} {s}", "time needed to {l} {s}?",
      "how many months to {l} {s}", "roughly how long before i can {l} {s}"],
     {"l": [["learn", "pick up", "get good at"], ["master", "become fluent in"], ["teach myself", "self-learn"]],
      "s": [["spanish"], ["the guitar", "guitar"], ["python"], ["japanese"], ["chess"], ["the piano", "piano"],
            ["sign language"], ["photoshop"]]}),
]
SYNONYM_SLOTS = {"v": VERB_SYNONYMS, "d": NOUN_SYNONYMS["device"], "t": NOUN_SYNONYMS["thing"],
                 "p": NOUN_SYNONYMS["person"], "a": NOUN_SYNONYMS["adj"]}


def slots_of(template_slots):
    """The slots one intent draws from: its own tables first, the shared synonym tables otherwise."""
    return dict(SYNONYM_SLOTS, **template_slots)
