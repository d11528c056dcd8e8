package dev.switchboard.core.signal;

import dev.switchboard.core.encode.Classification;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** All signals matched for one request, in extraction order. Thread-confined while built, then read-only. */
public final class SignalSet {

    private final List<MatchedSignal> matched = new ArrayList<>();
    private final Map<String, Classification> classifications = new HashMap<>();
    private final Map<String, Long> latencies = new LinkedHashMap<>();
    private String selection;

    public void add(MatchedSignal signal) {
        matched.add(signal);
    }

    public void add(String type, String name, double confidence) {
        add(new MatchedSignal(type, name, confidence));
    }

    /** The match of {@code type:name}, if the signal fired. */
    public Optional<MatchedSignal> find(String type, String name) {
        for (MatchedSignal s : matched) {
            if (s.type().equals(type) && s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Records a classifier's full verdict (all probabilities), for the classification API and debugging. */
    public void setClassification(String type, Classification classification) {
        classifications.put(type, classification);
    }

    /** The full verdict of the {@code type} classifier, if it ran. */
    public Optional<Classification> classification(String type) {
        return Optional.ofNullable(classifications.get(type));
    }

    /** Adds time spent on a signal (or on the shared {@code encoder} pass), for latency metrics. */
    public void addLatency(String signal, long nanos) {
        latencies.merge(signal, nanos, Long::sum);
    }

    /** Nanoseconds spent per signal type, and on the encoder pass, for this request. */
    public Map<String, Long> latencies() {
        return Collections.unmodifiableMap(latencies);
    }

    /** Records why the decision's first model was chosen (cost-aware selection), for the response headers. */
    public void setSelection(String reason) {
        selection = reason;
    }

    /** Why the first model was chosen, when a decision selects per prompt; else empty. */
    public Optional<String> selection() {
        return Optional.ofNullable(selection);
    }

    public List<MatchedSignal> all() {
        return Collections.unmodifiableList(matched);
    }
}
