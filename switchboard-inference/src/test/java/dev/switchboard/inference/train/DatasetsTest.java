package dev.switchboard.inference.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.inference.head.DomainCategories;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DatasetsTest {

    @Test
    void shippedChatSetsCoverEveryCategoryAndDoNotOverlap() {
        List<LabeledText> train = Datasets.readResource(Datasets.CHAT_TRAIN_RESOURCE);
        List<LabeledText> eval = Datasets.readResource(Datasets.CHAT_EVAL_RESOURCE);
        assertThat(labels(train)).isEqualTo(Set.copyOf(DomainCategories.ALL));
        assertThat(labels(eval)).isEqualTo(Set.copyOf(DomainCategories.ALL));
        Set<String> trainTexts = train.stream().map(t -> normalize(t.text())).collect(Collectors.toSet());
        assertThat(eval).noneMatch(e -> trainTexts.contains(normalize(e.text())));
    }

    @Test
    void generatorIsDeterministicAndMatchesTheShippedTrainSet() {
        List<LabeledText> generated = ChatPromptGenerator.fromClasspath()
                .generate(WriteChatTrainSet.PER_CATEGORY, WriteChatTrainSet.SEED);
        assertThat(generated).isEqualTo(Datasets.readResource(Datasets.CHAT_TRAIN_RESOURCE));
    }

    @Test
    void splitIsStratifiedAndReproducible() {
        List<LabeledText> all = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            all.add(new LabeledText("text " + i, i % 4 == 0 ? "rare" : "common"));
        }
        Datasets.Split split = Datasets.split(all, 0.2, 42);
        assertThat(split.test()).hasSize(20).filteredOn(t -> t.label().equals("rare")).hasSize(5);
        assertThat(Datasets.split(all, 0.2, 42)).isEqualTo(split);
    }

    private static Set<String> labels(List<LabeledText> set) {
        return set.stream().map(LabeledText::label).collect(Collectors.toSet());
    }

    private static String normalize(String text) {
        return text.toLowerCase().replaceAll("[^a-z0-9]", "");
    }
}
