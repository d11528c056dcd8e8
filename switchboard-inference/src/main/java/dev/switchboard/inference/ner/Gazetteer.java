package dev.switchboard.inference.ner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Known first names, family names, countries, regions and capitals, read from the word lists that ship inside
 * datafaker (the same library that fills the training templates), and large cities and well-known organisations
 * from lists of our own; all in lower case. The encoder cannot tell "Hale" the surname from
 * a place, nor a list of first names from a list of towns; a lookup can, and the head weighs it with context.
 */
final class Gazetteer {

    // Latin-script locales: the head's users write mostly in English, with names from everywhere.
    private static final List<String> FILES = List.of("en/name.yml", "en/address.yml", "en-GB.yml", "en-AU.yml",
            "en-CA.yml", "en-IN.yml", "en-NG.yml", "en-PH.yml", "de.yml", "fr.yml", "es.yml", "es-MX.yml", "it.yml",
            "nl.yml", "pt-BR.yml", "pl.yml", "sv.yml", "nb-NO.yml", "da-DK.yml", "fi-FI.yml", "cs.yml", "hu.yml",
            "tr.yml", "id.yml", "vi.yml", "en/nation.yml");
    /** Real cities, which datafaker's generated city names are not. */
    private static final String CITIES = "switchboard/pii/cities.txt";

    static final Set<String> FIRST_NAMES = new HashSet<>();
    static final Set<String> LAST_NAMES = new HashSet<>();
    static final Set<String> PLACES = new HashSet<>();
    static final Set<String> ORGANIZATIONS = new HashSet<>();
    private static final Set<String> GENERIC_WORDS = Set.of("city", "saint", "bank", "group", "university",
            "airlines", "clinic", "consulting");
    /** Well-known organisations, as written (training fills company slots from them). */
    static final String ORGANIZATIONS_RESOURCE = "switchboard/pii/organizations.txt";

    static {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        for (String file : FILES) {
            try (InputStream in = Gazetteer.class.getClassLoader().getResourceAsStream(file)) {
                if (in == null) {
                    continue; // a datafaker release without this locale: the lists are only smaller
                }
                JsonNode root = yaml.readTree(in);
                JsonNode faker = root.elements().next().path("faker");
                JsonNode name = faker.path("name");
                for (String key : List.of("first_name", "male_first_name", "female_first_name")) {
                    addAll(FIRST_NAMES, name.path(key));
                }
                addAll(LAST_NAMES, name.path("last_name"));
                addAll(PLACES, faker.path("nation").path("capital_city"));
                JsonNode address = faker.path("address");
                for (String key : List.of("country", "state", "city_name")) {
                    addAll(PLACES, address.path(key));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read datafaker word list " + file, e);
            }
        }
        ResourceLines.read(CITIES).forEach(city -> addWords(PLACES, city.toLowerCase(Locale.ROOT)));
        ResourceLines.read(ORGANIZATIONS_RESOURCE)
                .forEach(org -> addWords(ORGANIZATIONS, org.toLowerCase(Locale.ROOT)));
    }

    // Features look words up one at a time, so a name of several words adds each of its distinctive words.
    private static void addWords(Set<String> into, String name) {
        into.add(name);
        for (String word : name.split(" ")) {
            if (word.length() > 3 && !GENERIC_WORDS.contains(word)) {
                into.add(word);
            }
        }
    }

    private Gazetteer() {}

    private static void addAll(Set<String> into, JsonNode list) {
        for (JsonNode value : list) {
            String text = value.asText();
            if (!text.isBlank() && !text.contains("#{")) {
                into.add(text.toLowerCase(Locale.ROOT));
            }
        }
    }
}
