package dev.switchboard.inference.ner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.guard.pii.PiiSpan;
import dev.switchboard.core.guard.pii.PiiType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the real NER corpora: type mapping, de-duplication before splitting, WikiGold's block split. */
class NerCorporaTest {

    @TempDir
    Path dir;

    private static String row(String text, String split, String... spans) {
        return "{\"text\":\"" + text + "\",\"split\":\"" + split + "\",\"spans\":[" + String.join(",", spans) + "]}";
    }

    private static String span(String type, int start, int end) {
        return "{\"type\":\"" + type + "\",\"start\":" + start + ",\"end\":" + end + "}";
    }

    @Test
    void mapsOurTypesKeepsMiscOutsideAndLeavesProductsUnlabelled() throws IOException {
        Files.writeString(dir.resolve("wnut17_emerging_entities.jsonl"), String.join("\n",
                row("Anna bought an iPhone in Paris from Apple", "train", span("PERSON", 0, 4),
                        span("PRODUCT", 15, 21), span("LOCATION", 25, 30), span("ORGANIZATION", 36, 41)),
                row("nothing here", "test")));
        NerCorpora.Splits wnut = NerCorpora.load(dir, 1).get("wnut17");
        EntityExample example = wnut.train().get(0);
        assertThat(example.gold()).extracting(PiiSpan::type, PiiSpan::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple(PiiType.PERSON, "Anna"),
                org.assertj.core.groups.Tuple.tuple(PiiType.LOCATION, "Paris"),
                org.assertj.core.groups.Tuple.tuple(PiiType.ORGANIZATION, "Apple"));
        assertThat(example.isUnlabelled(15)).isTrue();
        assertThat(example.isUnlabelled(25)).isFalse();
        assertThat(wnut.test()).hasSize(1);

        Files.writeString(dir.resolve("wikigold.jsonl"), row("The Japanese band", "all", span("MISC", 4, 12)));
        EntityExample misc = NerCorpora.load(dir, 1).get("wikigold").train().get(0);
        assertThat(misc.gold()).isEmpty(); // MISC is trained as outside ...
        assertThat(misc.isUnlabelled(4)).isFalse(); // ... not skipped
    }

    @Test
    void aTextInATestSplitIsDroppedFromEveryOtherSplitAndCorpus() throws IOException {
        Files.writeString(dir.resolve("broad_twitter_corpus.jsonl"), String.join("\n",
                row("Good morning London", "train"), row("good  morning london", "test"),
                row("see you in Leeds", "dev"), row("See you in Leeds", "train"), row("unique tweet", "train"),
                row("unique tweet", "train")));
        Files.writeString(dir.resolve("wnut17_emerging_entities.jsonl"), row("GOOD MORNING LONDON", "train"));
        Map<String, NerCorpora.Splits> corpora = NerCorpora.load(dir, 1);
        NerCorpora.Splits btc = corpora.get("BTC");
        assertThat(btc.test()).extracting(EntityExample::text).containsExactly("good  morning london");
        assertThat(btc.validation()).extracting(EntityExample::text).containsExactly("see you in Leeds");
        assertThat(btc.train()).extracting(EntityExample::text).containsExactly("unique tweet");
        assertThat(corpora.get("wnut17").train()).isEmpty();
    }

    @Test
    void wikiGoldIsSplitInBlocksOfNeighbouringSentencesTheSameWayEveryRun() throws IOException {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 40 * NerCorpora.WIKIGOLD_BLOCK; i++) {
            rows.add(row("sentence number " + i, "all"));
        }
        Files.write(dir.resolve("wikigold.jsonl"), rows);
        NerCorpora.Splits splits = NerCorpora.load(dir, 7).get("wikigold");
        assertThat(splits.test()).hasSize(8 * NerCorpora.WIKIGOLD_BLOCK);
        assertThat(splits.validation()).hasSize(4 * NerCorpora.WIKIGOLD_BLOCK);
        assertThat(splits.train()).hasSize(28 * NerCorpora.WIKIGOLD_BLOCK);
        for (List<EntityExample> split : List.of(splits.train(), splits.validation(), splits.test())) {
            // every block lies whole in one split
            assertThat(split.stream().map(e -> number(e) / NerCorpora.WIKIGOLD_BLOCK).distinct().count()
                    * NerCorpora.WIKIGOLD_BLOCK).isEqualTo(split.size());
        }
        assertThat(NerCorpora.load(dir, 7).get("wikigold").test()).extracting(EntityExample::text)
                .isEqualTo(splits.test().stream().map(EntityExample::text).toList());
        assertThat(Stream.of(splits.train(), splits.validation(), splits.test()).mapToInt(List::size).sum())
                .isEqualTo(rows.size());
    }

    private static int number(EntityExample example) {
        return Integer.parseInt(example.text().substring("sentence number ".length()));
    }

    @Test
    void trainingSkipsUnlabelledTokensAndSpecialTokens() {
        EntityExample example = new EntityExample("Anna bought an iPhone", List.of(
                PiiSpan.of(PiiType.PERSON, "Anna bought an iPhone", 0, 4, 1)), "wnut17", false,
                List.of(new int[] {15, 21}));
        int[][] offsets = {{0, 0}, {0, 4}, {5, 11}, {12, 14}, {15, 16}, {16, 21}, {0, 0}};
        int[] y = EntityTrainer.labels(example, offsets);
        assertThat(y[1]).isEqualTo(EntityLabels.begin(PiiType.PERSON));
        float[][] lexical = new float[offsets.length][TokenFeatures.WIDTH];
        assertThat(EntityTrainer.trained(example, offsets, lexical, y, 4)).isFalse();
        assertThat(EntityTrainer.trained(example, offsets, lexical, y, 5)).isFalse();
        assertThat(EntityTrainer.trained(example, offsets, lexical, y, 1)).isTrue();
        assertThat(EntityTrainer.trained(example, offsets, lexical, y, 2)).isTrue();
        assertThat(EntityTrainer.trained(example, offsets, lexical, y, 0)).isFalse();
    }
}
