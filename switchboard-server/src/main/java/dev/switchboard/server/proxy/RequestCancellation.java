package dev.switchboard.server.proxy;

import com.linecorp.armeria.client.ClientRequestContext;
import com.linecorp.armeria.client.ResponseCancellationException;
import com.linecorp.armeria.common.ClosedSessionException;
import com.linecorp.armeria.common.stream.ClosedStreamException;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.util.SafeCloseable;
import com.linecorp.armeria.server.RequestTimeoutException;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * The work started for one client request, stopped when that request is cancelled: the client disconnected, or
 * {@code server.request_timeout} passed. Queued classification work leaves the planner's queue and the upstream
 * call is cancelled (its stream reset), so a client that gave up costs no more ML time and no more tokens.
 */
public final class RequestCancellation {

    private final ServiceRequestContext ctx;
    private final CompletableFuture<Throwable> cancelled;

    private RequestCancellation(ServiceRequestContext ctx, CompletableFuture<Throwable> cancelled) {
        this.ctx = ctx;
        this.cancelled = cancelled;
    }

    /** Follows the cancellation of the request served in {@code ctx}. */
    public static RequestCancellation of(ServiceRequestContext ctx) {
        return new RequestCancellation(ctx, ctx.whenRequestCancelled());
    }

    /**
     * Makes the request's context current, so that upstream calls made meanwhile belong to it and are cancelled
     * with it (see OpenAiBackend); work may run on a planner thread where no context is current.
     */
    SafeCloseable push() {
        if (ServiceRequestContext.currentOrNull() == ctx) {
            return () -> { };
        }
        return ctx.push();
    }

    /**
     * Cancels the request when {@code response} ends abnormally: the connection to the client closed mid-answer.
     * Armeria notices that only when it writes, so the request context is cancelled here to reach the upstream.
     */
    HttpResponse bind(HttpResponse response) {
        response.whenComplete().exceptionally(cause -> {
            ctx.cancel(cause);
            return null;
        });
        return response;
    }

    /** Cancels {@code work} when the request is cancelled; returns it. */
    public <T> CompletableFuture<T> track(CompletableFuture<T> work) {
        cancelled.thenRun(() -> work.cancel(false));
        return work;
    }

    /**
     * Cancels an upstream call when the request is cancelled. Aborting the response alone does not reach a request
     * still waiting for its headers (behind the retrying client), so its context is cancelled too, which resets
     * the stream to the model server.
     *
     * @param context the call's client context, or null for a backend without one (echo)
     */
    HttpResponse track(HttpResponse upstream, ClientRequestContext context) {
        cancelled.thenAccept(clientCause -> {
            Throwable cause = forUpstream(clientCause);
            if (context != null) {
                context.cancel(cause);
            }
            upstream.abort(cause);
        });
        return upstream;
    }

    /**
     * The cause to cancel an upstream call with. The client's own connection closing is not passed on as is: the
     * HTTP client takes a {@link ClosedSessionException} to mean that <em>its</em> connection is gone, and then
     * neither resets the stream nor closes the connection to the model server, which would go on generating for a
     * client that left before the first byte of the answer.
     */
    static Throwable forUpstream(Throwable cause) {
        return cause instanceof ClosedSessionException || cause instanceof ClosedStreamException
                ? ResponseCancellationException.get() : cause;
    }

    /**
     * Why the request was cancelled, as the client should hear it (a timeout is a 504; a client that went away
     * hears nothing), or null while it is not.
     */
    Throwable cause() {
        Throwable cause = cancelled.getNow(null);
        if (cause == null || cause instanceof RequestTimeoutException) {
            return cause;
        }
        return new CancellationException("the client closed the request");
    }
}
