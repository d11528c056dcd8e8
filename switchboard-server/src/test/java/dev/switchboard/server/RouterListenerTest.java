package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.core.guard.GuardVerdict;
import dev.switchboard.core.listener.CompositeListener;
import dev.switchboard.core.listener.RouterListener;
import dev.switchboard.core.listener.UpstreamAnswer;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.plan.RouteTarget;
import dev.switchboard.core.plugin.cache.CacheOutcome;
import dev.switchboard.testing.Fault;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Router listeners on a real router in front of test upstreams: a listener that throws on every event fails no
 * request and is logged once, and every request's events come in pairs — started, then answered or failed; each
 * upstream attempt started, then ended — whether the request succeeds, falls over or breaks midway.
 */
class RouterListenerTest {

    private static final Throwing throwing = new Throwing();
    private static final Recording recording = new Recording();
    private static final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private static RouterHarness h;

    @BeforeAll
    static void start() {
        log.start();
        ((Logger) LoggerFactory.getLogger(CompositeListener.class)).addAppender(log);
        // the throwing listener comes first: the one after it must still hear every event
        h = new RouterHarness(List.of(throwing, recording));
    }

    @AfterAll
    static void stop() {
        h.close();
        ((Logger) LoggerFactory.getLogger(CompositeListener.class)).detachAppender(log);
    }

    @BeforeEach
    void reset() {
        h.resetUpstreams();
        recording.clear();
    }

    @Test
    void aThrowingListenerFailsNoRequestAndIsLoggedOnce() throws Exception {
        HttpResponse<String> complete = h.chat("auto", "integral of x", false);
        HttpResponse<String> streamed = h.chat("auto", "integral of x", true);
        assertThat(complete.statusCode()).isEqualTo(200);
        assertThat(complete.headers().firstValue("x-vsr-selected-decision")).hasValue("math");
        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(streamed.body()).endsWith("data: [DONE]\n\n").doesNotContain("stream_interrupted");
        recording.awaitEnds(2);

        assertThat(throwing.calls.get()).as("it was told every event, and threw each time").isGreaterThan(8);
        assertThat(log.list).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).contains(Throwing.class.getName()));
        assertThat(recording.requests()).allSatisfy(events -> assertThat(events).containsExactly("started",
                "planned:upstream", "attempt:smart", "attempt-ok:smart", "answered:smart"));
    }

    @Test
    void theRouterAnsweringItselfEndsWithAnsweredAndNoAttempt() throws Exception {
        assertThat(h.chat("auto", "hello there", false).statusCode()).isEqualTo(200);
        recording.awaitEnds(1);
        assertThat(recording.requests()).singleElement().isEqualTo(List.of("started", "planned:fast_response",
                "answered:router"));
    }

    @Test
    void aFailedAttemptEndsBeforeTheFallbackStarts() throws Exception {
        h.smart.enqueue(Fault.status(500), Fault.status(500));
        h.smartReplica.enqueue(Fault.status(500), Fault.status(500));
        assertThat(h.chat("auto", "equation please", false).statusCode()).isEqualTo(200);
        recording.awaitEnds(1);
        assertThat(recording.requests()).singleElement().isEqualTo(List.of("started", "planned:upstream",
                "attempt:smart", "attempt-failed:smart:upstream_status", "attempt:backup", "attempt-ok:backup",
                "answered:backup"));
    }

    @Test
    void everyWayOfFailingEndsWithExactlyOneFailedEvent() throws Exception {
        h.fast.enqueue(Fault.status(503), Fault.status(503));
        assertThat(h.chat("fast", "hi", false).statusCode()).isEqualTo(502);
        assertThat(h.post("/v1/chat/completions", "{\"model\":".getBytes()).statusCode()).isEqualTo(400);
        assertThat(h.chat("no-such-model", "hi", false).statusCode()).isEqualTo(404);
        recording.awaitEnds(3);
        assertThat(recording.requests()).containsExactlyInAnyOrder(
                List.of("started", "planned:upstream", "attempt:fast", "attempt-failed:fast:upstream_status",
                        "failed:upstream_unavailable"),
                List.of("started", "failed:invalid_request"),
                List.of("started", "failed:model_not_found"));
    }

    @Test
    void aStreamThatBreaksMidwayFailsWithWhatTheModelHadSent() throws Exception {
        h.fast.enqueue(Fault.resetAfterChunks(2));
        HttpResponse<String> res = h.chat("fast", "hi", true);
        assertThat(res.body()).contains("stream_interrupted");
        recording.awaitEnds(1);
        assertThat(recording.requests()).singleElement().isEqualTo(List.of("started", "planned:upstream",
                "attempt:fast", "attempt-ok:fast", "failed:stream_interrupted:fast"));
    }

    /** Throws on every event. */
    private static final class Throwing implements RouterListener {
        final AtomicInteger calls = new AtomicInteger();

        private void fail() {
            calls.incrementAndGet();
            throw new IllegalStateException("a broken listener");
        }

        @Override
        public void requestStarted(long requestId) {
            fail();
        }

        @Override
        public void requestPlanned(long requestId, RoutePlan plan, long planningNanos) {
            fail();
        }

        @Override
        public void guardJudged(long requestId, GuardVerdict verdict) {
            fail();
        }

        @Override
        public void cacheLookedUp(long requestId, CacheOutcome outcome) {
            fail();
        }

        @Override
        public void upstreamAttemptStarted(long requestId, RouteTarget target) {
            fail();
        }

        @Override
        public void upstreamAttemptEnded(long requestId, RouteTarget target, String failure, long nanos) {
            fail();
        }

        @Override
        public void requestAnswered(long requestId, RoutePlan plan, UpstreamAnswer upstream) {
            fail();
        }

        @Override
        public void requestFailed(long requestId, RoutePlan plan, String code, UpstreamAnswer upstream) {
            fail();
        }
    }

    /** Each request's events in the order they came, and the ids of the requests that ended. */
    private static final class Recording implements RouterListener {
        private final Map<Long, List<String>> events = new ConcurrentHashMap<>();
        private final BlockingQueue<Long> ended = new LinkedBlockingQueue<>();

        void clear() {
            events.clear();
            ended.clear();
        }

        /** Waits until {@code count} requests have ended (a stream ends after its client read {@code [DONE]}). */
        void awaitEnds(int count) throws InterruptedException {
            for (int i = 0; i < count; i++) {
                assertThat(ended.poll(20, TimeUnit.SECONDS)).as("request %d of %d ended", i + 1, count).isNotNull();
            }
        }

        List<List<String>> requests() {
            return List.copyOf(events.values());
        }

        private void add(long id, String event) {
            events.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(event);
        }

        @Override
        public void requestStarted(long requestId) {
            add(requestId, "started");
        }

        @Override
        public void requestPlanned(long requestId, RoutePlan plan, long planningNanos) {
            add(requestId, "planned:" + plan.path().headerValue());
        }

        @Override
        public void upstreamAttemptStarted(long requestId, RouteTarget target) {
            add(requestId, "attempt:" + target.model().name());
        }

        @Override
        public void upstreamAttemptEnded(long requestId, RouteTarget target, String failure, long nanos) {
            add(requestId, failure == null ? "attempt-ok:" + target.model().name()
                    : "attempt-failed:" + target.model().name() + ":" + failure);
        }

        @Override
        public void requestAnswered(long requestId, RoutePlan plan, UpstreamAnswer upstream) {
            add(requestId, "answered:" + (upstream == null ? "router" : upstream.target().model().name()));
            ended.add(requestId);
        }

        @Override
        public void requestFailed(long requestId, RoutePlan plan, String code, UpstreamAnswer upstream) {
            add(requestId, "failed:" + code + (upstream == null ? "" : ":" + upstream.target().model().name()));
            ended.add(requestId);
        }
    }
}
