package dev.switchboard.core.signal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** All signals matched for one request, in extraction order. Thread-confined while built, then read-only. */
public final class SignalSet {

    private final List<MatchedSignal> matched = new ArrayList<>();

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

    public List<MatchedSignal> all() {
        return Collections.unmodifiableList(matched);
    }
}
