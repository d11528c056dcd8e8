package dev.switchboard.server.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who changed the config from the dashboard, when, and how much: the last 100 attempts in memory (newest first on
 * the page), and each one in the log at INFO, where it outlives the process. Entries name the admin identity and
 * count changed lines; they never hold the YAML itself (it may carry secrets written inline).
 */
final class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final int KEPT = 100;

    record Entry(Instant time, String who, String outcome, int linesAdded, int linesRemoved, String detail) {}

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();

    synchronized void add(Entry entry) {
        entries.addFirst(entry);
        if (entries.size() > KEPT) {
            entries.removeLast();
        }
        log.info("Config {} from the dashboard by {}: +{} -{} lines{}", entry.outcome(), entry.who(),
                entry.linesAdded(), entry.linesRemoved(), entry.detail() == null ? "" : " (" + entry.detail() + ")");
    }

    synchronized void writeTo(ArrayNode out) {
        entries.forEach(e -> out.addObject().put("time", e.time().toString()).put("who", e.who())
                .put("outcome", e.outcome()).put("lines_added", e.linesAdded())
                .put("lines_removed", e.linesRemoved()).put("detail", e.detail()));
    }
}
