package dev.switchboard.server.proxy;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.util.concurrent.CompletableFuture;

/**
 * The work started for one client request, stopped when that request is cancelled: the client disconnected, or
 * {@code server.request_timeout} passed. Queued classification work leaves the planner's queue and the upstream
 * call is aborted, so a client that gave up costs no more ML time and no more tokens.
 */
public final class RequestCancellation {

    private static final RequestCancellation NEVER = new RequestCancellation(new CompletableFuture<>());

    private final CompletableFuture<Throwable> cancelled;

    private RequestCancellation(CompletableFuture<Throwable> cancelled) {
        this.cancelled = cancelled;
    }

    /** Follows the cancellation of the request served in {@code ctx}. */
    public static RequestCancellation of(ServiceRequestContext ctx) {
        return new RequestCancellation(ctx.whenRequestCancelled());
    }

    /** For work that no client waits on. */
    public static RequestCancellation never() {
        return NEVER;
    }

    /** Cancels {@code work} when the request is cancelled; returns it. */
    public <T> CompletableFuture<T> track(CompletableFuture<T> work) {
        cancelled.thenRun(() -> work.cancel(false));
        return work;
    }

    /** Aborts {@code upstream} (closing its stream to the model server) when the request is cancelled. */
    HttpResponse track(HttpResponse upstream) {
        cancelled.thenRun(upstream::abort);
        return upstream;
    }
}
