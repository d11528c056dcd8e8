package dev.switchboard.inference.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.inference.ProgressListener;
import dev.switchboard.inference.SharedEncoder;
import dev.switchboard.inference.head.DomainClassifier;
import dev.switchboard.inference.head.SoftmaxHead;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uses the real bundled model. */
@Tag("model")
class DomainTrainerTest {

    @TempDir
    Path dir;

    @Test
    void trainsOnASmallFixtureFileAndPredictsUnseenPrompts() throws Exception {
        Path fixture = Files.write(dir.resolve("fixture.jsonl"), fixtureLines());
        DomainTrainer trainer = new DomainTrainer(SharedEncoder.get(), null, TrainOptions.defaults().withEpochs(30));
        SoftmaxHead head = trainer.train(List.of(fixture), 1, ProgressListener.NONE);
        DomainClassifier classifier = new DomainClassifier(SharedEncoder.get(), head);

        assertThat(head.modelId()).isEqualTo(SharedEncoder.get().modelId());
        assertThat(classifier.classify("solve the equation 5x - 3 = 12").category()).isEqualTo("math");
        assertThat(classifier.classify("my landlord kept my deposit, can I sue him?").category()).isEqualTo("law");
        assertThat(classifier.classify("what's a good pasta recipe for tonight").category()).isEqualTo("other");
    }

    private static List<String> fixtureLines() {
        String[][] rows = {
            {"math", "what is the derivative of x^3"}, {"math", "solve 2x + 4 = 10"},
            {"math", "integrate sin(x) from 0 to pi"}, {"math", "how do I factor a quadratic equation"},
            {"math", "what is 15 percent of 80"}, {"math", "prove there are infinitely many primes"},
            {"law", "can my landlord evict me without notice"}, {"law", "is a verbal contract binding in court"},
            {"law", "how do I sue someone in small claims court"}, {"law", "what are my rights when police stop me"},
            {"law", "can my employer fire me for being sick"}, {"law", "how does copyright infringement work"},
            {"other", "what should I cook for dinner"}, {"other", "recommend a good movie for tonight"},
            {"other", "how do I get stains out of a shirt"}, {"other", "plan a weekend trip to Paris"},
            {"other", "what's a good gift for my mom"}, {"other", "how long should I boil pasta"},
        };
        return java.util.Arrays.stream(rows)
                .map(r -> "{\"text\":\"" + r[1] + "\",\"category\":\"" + r[0] + "\"}")
                .toList();
    }
}
