package dev.switchboard.server.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.sse.ServerSentEvent;
import com.linecorp.armeria.common.stream.DefaultStreamMessage;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.streaming.ServerSentEvents;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's live stream ({@code GET /dashboard/api/stream}, server-sent events): once a second, one
 * {@code tick} event with the aggregates of the second that just ended and the sampled rows, the same text for
 * every open page (built once). A page that has not consumed the previous tick skips the next one, so a slow
 * browser costs the router nothing but a dropped tick.
 */
final class LiveFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DashboardListener source;
    private final Map<DefaultStreamMessage<ServerSentEvent>, CompletableFuture<Void>> pages =
            new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "switchboard-dashboard-feed");
        thread.setDaemon(true);
        return thread;
    });

    LiveFeed(DashboardListener source) {
        this.source = source;
        long toNextSecond = 1000 - System.currentTimeMillis() % 1000;
        // just after each second ends, so the second reported is complete
        ticker.scheduleAtFixedRate(this::tickSafely, toNextSecond + 20, 1000, TimeUnit.MILLISECONDS);
    }

    /** Opens a stream for one page; it stays open until the page goes away or the server stops. */
    HttpResponse open(ServiceRequestContext ctx) {
        ctx.clearRequestTimeout(); // a live view is meant to stay open
        DefaultStreamMessage<ServerSentEvent> page = new DefaultStreamMessage<>();
        pages.put(page, CompletableFuture.completedFuture(null));
        page.whenComplete().handle((ok, error) -> pages.remove(page));
        page.tryWrite(ServerSentEvent.ofRetry(Duration.ofSeconds(2)));
        return ServerSentEvents.fromPublisher(page);
    }

    private void tickSafely() {
        try {
            ObjectNode tick = JSON.createObjectNode();
            source.tickTo(tick);
            ServerSentEvent event = ServerSentEvent.builder().event("tick").data(tick.toString()).build();
            pages.replaceAll((page, previous) -> previous.isDone() ? send(page, event) : previous);
        } catch (RuntimeException e) {
            log.warn("Dashboard tick failed; the next one will try again", e); // never kill the ticker
        }
    }

    private static CompletableFuture<Void> send(DefaultStreamMessage<ServerSentEvent> page, ServerSentEvent event) {
        return page.tryWrite(event) ? page.whenConsumed() : CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        pages.keySet().forEach(DefaultStreamMessage::close);
    }
}
