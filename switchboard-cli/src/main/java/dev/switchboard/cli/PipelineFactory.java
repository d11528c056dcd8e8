package dev.switchboard.cli;

import dev.switchboard.core.config.CacheSettings;
import dev.switchboard.core.config.EncoderConfig;
import dev.switchboard.core.config.SignalsConfig;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.encode.TextClassifier;
import dev.switchboard.core.pipeline.RouterPipeline;
import dev.switchboard.core.plugin.cache.ResponseCache;
import dev.switchboard.core.signal.ComplexitySignals;
import dev.switchboard.core.signal.DomainSignals;
import dev.switchboard.core.signal.EmbeddingSignals;
import dev.switchboard.core.signal.SignalExtractor;
import dev.switchboard.inference.encoder.EncoderSettings;
import dev.switchboard.inference.encoder.OnnxEncoder;
import dev.switchboard.inference.encoder.Pooling;
import dev.switchboard.inference.adapter.DomainHead;
import dev.switchboard.inference.adapter.EntityHead;
import dev.switchboard.inference.adapter.JailbreakHead;
import dev.switchboard.inference.encoder.WindowEncoder;
import dev.switchboard.inference.guard.JailbreakDetector;
import dev.switchboard.inference.head.DomainClassifier;
import dev.switchboard.inference.ner.EntityTagger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the pipeline for each config version, with the ML signals it asks for. The encoder and trained heads are
 * loaded once and reused across reloads (loading takes seconds; a reload should not); changing the encoder section
 * needs a restart, and a reload that tries is told so.
 */
public final class PipelineFactory implements Function<SwitchboardConfig, RouterPipeline>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PipelineFactory.class);

    private final UnaryOperator<WindowEncoder> wrap;
    private EncoderConfig loadedConfig;
    private OnnxEncoder loaded;
    private WindowEncoder encoder;
    private final Map<String, TextClassifier> domainHeads = new HashMap<>();
    private CacheSettings storeSettings;
    private ResponseCache cache;
    private JailbreakHead jailbreak;
    private EntityHead entities;
    private final Routers routers = new Routers();

    public PipelineFactory() {
        this(UnaryOperator.identity());
    }

    /**
     * @param wrap applied once to the loaded encoder; every signal and head uses what it returns (a benchmark or a
     *             test wraps the real encoder to count or time its passes)
     */
    public PipelineFactory(UnaryOperator<WindowEncoder> wrap) {
        this.wrap = wrap;
    }

    @Override
    public synchronized RouterPipeline apply(SwitchboardConfig config) {
        SignalsConfig signals = config.signals();
        if (!config.needsEncoder()) {
            return new RouterPipeline(config);
        }
        WindowEncoder shared = encoder(config.encoder());
        List<SignalExtractor> ml = new ArrayList<>();
        if (signals.domain() != null) {
            ml.add(new DomainSignals(domainHead(shared, signals.domain().headPath()), signals.domain().threshold()));
        }
        if (!signals.embeddings().isEmpty()) {
            ml.add(new EmbeddingSignals(signals.embeddings(), shared));
        }
        if (signals.complexity() != null) {
            ml.add(new ComplexitySignals(routers.load(signals.complexity().routerPath(), shared)));
        }
        return new RouterPipeline(config, ml, shared, config.cachesAnything() ? cache(config.cache(), shared) : null,
                config.judgesJailbreaks() ? jailbreak(shared) : null, config.findsEntities() ? entities(shared) : null,
                routers.selectors(config, shared));
    }

    private JailbreakHead jailbreak(WindowEncoder shared) {
        if (jailbreak == null) {
            jailbreak = new JailbreakHead(JailbreakDetector.loadDefault(shared));
        }
        return jailbreak;
    }

    private EntityHead entities(WindowEncoder shared) {
        if (entities == null) {
            entities = new EntityHead(EntityTagger.loadDefault(shared));
        }
        return entities;
    }

    /** One store for the life of the process, so cached answers survive config reloads. */
    private ResponseCache cache(CacheSettings settings, WindowEncoder shared) {
        if (cache == null) {
            cache = ResponseCache.of(CacheStores.open(settings, shared.dimension()), Clock.systemUTC(), settings);
            storeSettings = settings;
        } else if (!sameStore(storeSettings, settings)) {
            throw new IllegalStateException("the cache backend changed; restart Switchboard to switch stores");
        }
        return cache;
    }

    private static boolean sameStore(CacheSettings a, CacheSettings b) {
        return a.backend() == b.backend() && a.maxEntries() == b.maxEntries()
                && Objects.equals(a.postgres(), b.postgres());
    }

    private WindowEncoder encoder(EncoderConfig config) {
        if (encoder == null) {
            long start = System.nanoTime();
            loaded = OnnxEncoder.create(settings(config));
            encoder = wrap.apply(loaded);
            loadedConfig = config;
            log.info("Encoder {} loaded in {} ms ({} sessions, a lone pass on {} threads, {} tokens max)",
                    encoder.modelId(), (System.nanoTime() - start) / 1_000_000, config.sessions(),
                    loaded.settings().soloThreads(), config.maxTokens());
        } else if (!Objects.equals(loadedConfig, config)) {
            throw new IllegalStateException("the encoder section changed; restart Switchboard to load a new encoder");
        }
        return encoder;
    }

    private static EncoderSettings settings(EncoderConfig config) {
        EncoderSettings settings = EncoderSettings.defaults();
        if (config.modelPath() != null) {
            Path model = Path.of(config.modelPath());
            if (Files.isDirectory(model) && config.tokenizerPath() == null) {
                settings = EncoderSettings.fromDirectory(model, null);
            } else {
                Path tokenizer = config.tokenizerPath() != null ? Path.of(config.tokenizerPath())
                        : model.toAbsolutePath().getParent().resolve("tokenizer.json");
                settings = EncoderSettings.fromFiles(model, tokenizer, null);
            }
        }
        if (config.pooling() != null) {
            settings = settings.withPooling(Pooling.valueOf(config.pooling().name()));
        }
        return settings.withMaxTokens(config.maxTokens()).withPoolSize(config.sessions())
                .withSoloThreads(config.soloThreads());
    }

    private TextClassifier domainHead(WindowEncoder shared, String headPath) {
        return domainHeads.computeIfAbsent(headPath == null ? "" : headPath, key -> new DomainHead(key.isEmpty()
                ? DomainClassifier.loadDefault(shared) : DomainClassifier.load(shared, Path.of(key))));
    }

    @Override
    public synchronized void close() {
        if (cache != null) {
            cache.store().close();
        }
        if (loaded != null) {
            loaded.close();
        }
    }
}
