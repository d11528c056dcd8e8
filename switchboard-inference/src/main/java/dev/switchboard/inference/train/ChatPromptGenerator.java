package dev.switchboard.inference.train;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Expands the hand-written seed material in {@code chat-topics.txt} into chat-style training prompts: topics are
 * put into conversational templates, whole prompts are kept, and both get the noise real users add (greetings,
 * lower case, missing punctuation, typos). Deterministic for a given seed.
 *
 * <p>The shipped {@code chat-train.jsonl} is {@code generate(300, 7)}; see {@link WriteChatTrainSet}.
 */
public final class ChatPromptGenerator {

    /** Classpath location of the seed material. */
    public static final String TOPICS_RESOURCE = "switchboard/domain/chat-topics.txt";

    private static final String[] TEMPLATES = {
        "can you explain {t}?", "what is {t}", "help me understand {t}", "ELI5 {t}", "how does {t} work?",
        "I have an exam tomorrow on {t}, give me a quick summary", "i'm confused about {t}, can u help",
        "write a short explanation of {t} for a beginner", "what are the key points of {t}?",
        "give me 3 practice questions on {t}", "my teacher mentioned {t} today and I didn't get it",
        "Could you walk me through {t} step by step?", "quick q about {t}", "I'm writing a report on {t}, where"
        + " should I start?", "summarize {t} in two paragraphs", "why does {t} matter?", "{t}?? explain pls",
        "What are common misconceptions about {t}?", "Give me a real-world example of {t}.",
        "Can you help me with my homework on {t}?", "I need to prepare a presentation about {t} for tomorrow",
        "what's the difference between {t} and {u}?", "how are {t} and {u} related?",
        "I've been reading about {t} but the textbook is so dry. Can you make it click for me?",
        "Make me a one-page cheat sheet on {t}", "I'm a visual learner, describe {t} with an analogy",
        "what should everyone know about {t}", "tell me something interesting about {t}",
        "what are good resources to learn {t}?", "could you quiz me on {t}",
    };
    private static final String[] PREFIXES = {"", "", "", "", "hey, ", "hi! ", "ok so ", "Quick question: ",
        "hello, ", "Hey there. ", "so ", "um "};
    private static final String[] SUFFIXES = {"", "", "", "", " thanks", " thx!", " please", " :)",
        " Thanks in advance.", " (be brief)", " I'm really stuck."};

    private final Map<String, List<String>> topics = new LinkedHashMap<>();
    private final Map<String, List<String>> prompts = new LinkedHashMap<>();

    private ChatPromptGenerator() {}

    /** Loads the seed material from the classpath. */
    public static ChatPromptGenerator fromClasspath() {
        try (InputStream in = ChatPromptGenerator.class.getClassLoader().getResourceAsStream(TOPICS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + TOPICS_RESOURCE);
            }
            ChatPromptGenerator generator = new ChatPromptGenerator();
            generator.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return generator;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void parse(String text) {
        String category = null;
        Map<String, List<String>> target = topics;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") && !line.startsWith("## ")) {
                continue;
            }
            if (line.startsWith("## ")) {
                category = line.substring(3).strip();
            } else if (line.equals("@topic") || line.equals("@prompt")) {
                target = line.equals("@topic") ? topics : prompts;
            } else {
                target.computeIfAbsent(category, k -> new ArrayList<>()).add(line);
            }
        }
    }

    /** {@code perCategory} prompts for every category, deterministic for {@code seed}. */
    public List<LabeledText> generate(int perCategory, long seed) {
        Random random = new Random(seed);
        List<LabeledText> out = new ArrayList<>();
        for (String category : topics.keySet()) {
            for (int i = 0; i < perCategory; i++) {
                out.add(new LabeledText(noisy(base(category, random), random), category));
            }
        }
        return out;
    }

    // A third of the prompts are hand-written ones, the rest templated topics.
    private String base(String category, Random random) {
        List<String> own = prompts.get(category);
        if (random.nextInt(3) == 0) {
            return own.get(random.nextInt(own.size()));
        }
        List<String> list = topics.get(category);
        String template = TEMPLATES[random.nextInt(TEMPLATES.length)];
        return template.replace("{t}", pick(list, random)).replace("{u}", pick(list, random));
    }

    private static String pick(List<String> list, Random random) {
        return list.get(random.nextInt(list.size()));
    }

    private static String noisy(String prompt, Random random) {
        String text = prompt;
        if (random.nextDouble() < 0.25) {
            text = text.toLowerCase();
        }
        if (random.nextDouble() < 0.2) {
            text = text.replaceAll("[?.!]+$", "");
        }
        if (random.nextDouble() < 0.2) {
            text = Typos.add(text, random);
        }
        return PREFIXES[random.nextInt(PREFIXES.length)] + text + SUFFIXES[random.nextInt(SUFFIXES.length)];
    }
}
