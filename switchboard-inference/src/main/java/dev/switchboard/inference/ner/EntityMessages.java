package dev.switchboard.inference.ner;

import dev.switchboard.core.guard.pii.PiiSpan;
import dev.switchboard.core.guard.pii.PiiType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.datafaker.Faker;

/**
 * Chat messages with known entities: the hand-written templates in {@link #TEMPLATES} filled with names, places,
 * companies and addresses from datafaker in several locales (users are not all American), a fifth of them typed
 * in lower case the way people type into a chat box.
 */
public final class EntityMessages {

    /** Classpath resource with one template per line. */
    public static final String TEMPLATES = "switchboard/pii/entity-templates.txt";

    private static final Pattern SLOT =
            Pattern.compile("\\{(name|first|last|city|country|state|street|address|company|query)}");
    private static final List<Locale> LOCALES = List.of(Locale.US, Locale.US, Locale.UK, Locale.GERMANY,
            Locale.FRANCE, Locale.ITALY, Locale.forLanguageTag("es-ES"), Locale.forLanguageTag("nl-NL"),
            Locale.forLanguageTag("en-IND"), Locale.CANADA, Locale.forLanguageTag("en-AU"),
            Locale.forLanguageTag("pt-BR"));

    private final List<Faker> fakers;
    private final Faker fallback;
    private final Random random;
    private final List<String> queries;
    private final List<String> organizations;

    /**
     * @param queries       everyday requests for the {@code {query}} slot of frame templates (unannotated text)
     * @param organizations real organisations that fill a third of the {@code {company}} slots
     */
    public EntityMessages(long seed, List<String> queries, List<String> organizations) {
        this.queries = List.copyOf(queries);
        this.organizations = List.copyOf(organizations);
        this.random = new Random(seed);
        List<Faker> list = new ArrayList<>();
        for (Locale locale : LOCALES) {
            list.add(new Faker(locale, new Random(random.nextLong())));
        }
        this.fakers = List.copyOf(list);
        this.fallback = new Faker(Locale.US, new Random(random.nextLong()));
    }

    /** The templates, in file order. */
    public static List<String> templates() {
        return ResourceLines.read(TEMPLATES);
    }

    /** {@code count} messages, cycling through {@code templates} in a seeded random order. */
    public List<EntityExample> generate(List<String> templates, int count, String source) {
        List<EntityExample> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(fill(templates.get(random.nextInt(templates.size())), source));
        }
        return out;
    }

    /** One template with every slot filled by one locale's faker. */
    EntityExample fill(String template, String source) {
        Faker faker = fakers.get(random.nextInt(fakers.size()));
        boolean lowerValues = random.nextInt(10) == 0;
        StringBuilder text = new StringBuilder();
        List<int[]> spans = new ArrayList<>();
        List<PiiType> types = new ArrayList<>();
        Matcher slot = SLOT.matcher(template);
        int at = 0;
        while (slot.find()) {
            text.append(template, at, slot.start());
            if (slot.group(1).equals("query")) {
                text.append(queries.get(random.nextInt(queries.size())).strip());
                at = slot.end();
                continue;
            }
            String value = value(faker, slot.group(1)).strip();
            if (lowerValues) {
                value = lower(value);
            }
            PiiType type = typeOf(slot.group(1));
            boolean joins = !spans.isEmpty() && types.get(types.size() - 1) == type && type == PiiType.PERSON
                    && spans.get(spans.size() - 1)[1] == text.length() - 1 && text.charAt(text.length() - 1) == ' ';
            if (joins) { // "{first} {last}" is one name, as a reader (and Presidio's data) would mark it
                spans.get(spans.size() - 1)[1] = text.length() + value.length();
            } else {
                spans.add(new int[] {text.length(), text.length() + value.length()});
                types.add(type);
            }
            text.append(value);
            at = slot.end();
        }
        text.append(template.substring(at));
        String message = random.nextInt(5) == 0 ? lower(text.toString()) : text.toString();
        List<PiiSpan> gold = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            gold.add(PiiSpan.of(types.get(i), message, spans.get(i)[0], spans.get(i)[1], 1.0));
        }
        // a query may hold a name nobody marked: train only on its words that are surely not names
        return new EntityExample(message, gold, source, template.contains("{query}"));
    }

    private String value(Faker faker, String slot) {
        Function<Faker, String> pick = switch (slot) {
            case "name" -> f -> f.name().firstName() + " " + f.name().lastName();
            case "first" -> f -> f.name().firstName();
            case "last" -> f -> f.name().lastName();
            case "city" -> f -> f.address().city();
            case "country" -> f -> f.address().country();
            case "state" -> f -> f.address().state();
            case "street" -> f -> f.address().streetAddress();
            case "address" -> f -> f.address().fullAddress();
            case "company" -> f -> organizations.isEmpty() || random.nextInt(3) > 0 ? f.company().name()
                    : organizations.get(random.nextInt(organizations.size()));
            default -> throw new IllegalArgumentException(slot);
        };
        try {
            String value = pick.apply(faker);
            return value == null || value.isBlank() ? pick.apply(fallback) : value;
        } catch (RuntimeException missingInLocale) {
            return pick.apply(fallback);
        }
    }

    private static PiiType typeOf(String slot) {
        return switch (slot) {
            case "name", "first", "last" -> PiiType.PERSON;
            case "city", "country", "state" -> PiiType.LOCATION;
            case "street", "address" -> PiiType.ADDRESS;
            default -> PiiType.ORGANIZATION;
        };
    }

    // Lower-casing must keep offsets valid; the rare letters whose lower case has another length stay as they are.
    private static String lower(String s) {
        String lowered = s.toLowerCase(Locale.ROOT);
        return lowered.length() == s.length() ? lowered : s;
    }
}
