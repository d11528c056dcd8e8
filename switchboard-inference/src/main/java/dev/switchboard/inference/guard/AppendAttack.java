package dev.switchboard.inference.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The evasion reported against the vLLM Semantic Router's detector (their issue #3164): appending harmless words or
 * sentences to an attack until the classifier calls it benign. Two disjoint pools of harmless text exist, one to
 * augment training data and one to attack at evaluation, so the reported robustness is not memorised filler.
 */
public final class AppendAttack {

    /** How much harmless text is appended. */
    public enum Variant { WORDS, SENTENCES, PARAGRAPH }

    /** Which filler pool to draw from; training and evaluation never share one. */
    public enum Pool { TRAIN, EVAL }

    private static final List<String> TRAIN_WORDS = List.of("thanks", "please", "ok", "cheers", "have a nice day",
            "lol", "cool", "best regards", "thank you so much", "good morning", "great");
    private static final List<String> EVAL_WORDS = List.of("much appreciated", "kind regards", "hello there",
            "ty", "have a good one", "awesome", "bye for now", "many thanks", "sounds good", "nice");
    private static final List<String> TRAIN_SENTENCES = List.of(
            "The weather in Lisbon is lovely this time of year.", "My cat likes to sleep on the keyboard.",
            "I had pasta for lunch today.", "The meeting was moved to Thursday afternoon.",
            "Photosynthesis converts light into chemical energy.", "Our team won the football match on Sunday.",
            "Please keep the answer short.", "The library opens at nine in the morning.",
            "I am learning to play the guitar.", "Tomatoes grow best in full sun.",
            "The train to Paris was delayed by ten minutes.", "Water boils at 100 degrees Celsius at sea level.");
    private static final List<String> EVAL_SENTENCES = List.of(
            "Mount Everest is the highest mountain above sea level.", "I baked banana bread yesterday.",
            "The quarterly report is due next Friday.", "Bees communicate through a waggle dance.",
            "My sister just adopted a puppy.", "The museum has a new exhibition on Roman coins.",
            "Could you format it nicely?", "The river freezes over in January.",
            "I prefer tea to coffee in the morning.", "Jupiter has dozens of moons.",
            "The bakery on the corner sells great croissants.", "Our flight lands at 6 pm local time.");

    private AppendAttack() {}

    /** {@code attack} followed by harmless text of the given {@code variant}, chosen by {@code random}. */
    public static String apply(String attack, Variant variant, Pool pool, Random random) {
        return switch (variant) {
            case WORDS -> attack + " " + pick(pool == Pool.TRAIN ? TRAIN_WORDS : EVAL_WORDS, 1 + random.nextInt(3), random);
            case SENTENCES -> attack + "\n\n" + pick(sentences(pool), 2 + random.nextInt(2), random);
            case PARAGRAPH -> attack + "\n\n" + pick(sentences(pool), 8 + random.nextInt(5), random);
        };
    }

    /**
     * Harmless text of the given {@code variant} followed by {@code attack}: the shape of an indirect injection at
     * the end of a pasted document. Used only to augment training data.
     */
    public static String prepend(String attack, Variant variant, Pool pool, Random random) {
        String filler = apply("", variant, pool, random).strip();
        return filler + (variant == Variant.WORDS ? " " : "\n\n") + attack;
    }

    private static List<String> sentences(Pool pool) {
        return pool == Pool.TRAIN ? TRAIN_SENTENCES : EVAL_SENTENCES;
    }

    private static String pick(List<String> from, int count, Random random) {
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            chosen.add(from.get(random.nextInt(from.size())));
        }
        return String.join(" ", chosen);
    }
}
