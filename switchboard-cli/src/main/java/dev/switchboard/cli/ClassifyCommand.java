package dev.switchboard.cli;

import dev.switchboard.core.config.yaml.ConfigLoader;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.encode.Classification;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.pipeline.RouterPipeline;
import dev.switchboard.core.request.ChatRequest;
import dev.switchboard.core.signal.DomainSignals;
import dev.switchboard.core.guard.pii.PiiSpan;
import dev.switchboard.core.guard.pii.Redactor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code switchboard classify "text"}: what the signals find in a text and where a config would route it — the same
 * pipeline the server runs, without starting a server.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Classify a text and show the decision and model a config would route it to.")
final class ClassifyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TEXT", description = "The text to classify, as a user would send it")
    String text;

    @Option(names = {"-c", "--config"}, description = "Config to route with; default: the demo config")
    Path config;

    @Option(names = "--pii", description = "Only list the personal data found in the text, with offsets")
    boolean pii;

    @Override
    public Integer call() {
        SwitchboardConfig cfg = config == null ? Configs.demo() : ConfigLoader.load(config);
        try (PipelineFactory pipelines = new PipelineFactory()) {
            RouterPipeline pipeline = pipelines.apply(cfg);
            if (pii) {
                List<PiiSpan> spans = pipeline.findPii(text);
                spans.forEach(s -> System.out.printf("%-14s [%d, %d) %.2f  %s%n", s.type(), s.start(), s.end(),
                        s.confidence(), s.value()));
                System.out.println("masked    " + new Redactor().redact(text, spans).text());
                return 0;
            }
            String auto = cfg.routing().autoModelNames().get(0);
            RoutePlan plan = pipeline.plan(ChatRequest.ofUserText(auto, text));
            plan.signals().classification(DomainSignals.TYPE).ifPresent(ClassifyCommand::printClassification);
            plan.signals().all().forEach(s -> System.out.printf("signal    %-28s %.3f%n", s, s.confidence()));
            System.out.println("decision  " + (plan.decision() == null ? "(none: default model)" : plan.decision()));
            System.out.println("model     " + plan.targets().get(0).model().name() + " (reasoning "
                    + plan.targets().get(0).reasoningLabel() + ")");
        }
        return 0;
    }

    private static void printClassification(Classification c) {
        System.out.printf("domain    %s (%.3f)%n", c.label(), c.confidence());
        c.probabilities().entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(3)
                .forEach(e -> System.out.printf("          %-18s %.3f%n", e.getKey(), e.getValue()));
    }
}
