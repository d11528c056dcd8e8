package dev.switchboard.inference.train;

import java.util.Random;

/** Adds one realistic typo (swap, drop or double a letter) inside a word of at least four letters. */
final class Typos {

    private Typos() {}

    static String add(String text, Random random) {
        for (int attempt = 0; attempt < 5; attempt++) {
            int at = random.nextInt(Math.max(1, text.length() - 2));
            if (at + 2 < text.length() && Character.isLetter(text.charAt(at))
                    && Character.isLetter(text.charAt(at + 1)) && Character.isLetter(text.charAt(at + 2))) {
                return mutate(text, at, random.nextInt(3));
            }
        }
        return text;
    }

    private static String mutate(String text, int at, int kind) {
        char a = text.charAt(at);
        char b = text.charAt(at + 1);
        return switch (kind) {
            case 0 -> text.substring(0, at) + b + a + text.substring(at + 2);
            case 1 -> text.substring(0, at) + text.substring(at + 1);
            default -> text.substring(0, at) + a + text.substring(at);
        };
    }
}
