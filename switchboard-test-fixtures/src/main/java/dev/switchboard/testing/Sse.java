package dev.switchboard.testing;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpResponseWriter;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.switchboard.core.response.Completions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** OpenAI chat completion payloads: whole responses and SSE chunk streams. */
final class Sse {

    private Sse() {}

    static String completion(String model, String text, Fault fault) {
        return Completions.completion(model, text, finishReason(fault), 10).toString();
    }

    private static String finishReason(Fault fault) {
        return fault instanceof Fault.FinishReason f ? f.reason() : "stop";
    }

    /** Streams one chunk per word, then a usage chunk and {@code [DONE]}; obeys reset/hang faults. */
    static HttpResponse stream(ServiceRequestContext ctx, String model, String text, Fault fault, Duration delay) {
        List<String> events = Completions.chunks(model, text, finishReason(fault), 10);
        HttpResponseWriter writer = HttpResponse.streaming();
        writer.write(ResponseHeaders.builder(HttpStatus.OK).contentType(MediaType.EVENT_STREAM).build());
        int stopAt = fault instanceof Fault.ResetAfterChunks r ? r.chunks()
                : fault instanceof Fault.HangAfterChunks h ? h.chunks() : Integer.MAX_VALUE;
        writeFrom(ctx, writer, events, 0, stopAt, fault, delay);
        return writer;
    }

    private static void writeFrom(ServiceRequestContext ctx, HttpResponseWriter writer, List<String> events,
                                  int index, int stopAt, Fault fault, Duration delay) {
        if (index == stopAt) {
            if (fault instanceof Fault.ResetAfterChunks) {
                // Later, so the chunks already written reach the client before the reset does.
                ctx.eventLoop().schedule(() -> writer.abort(new IllegalStateException("injected reset")),
                        50, TimeUnit.MILLISECONDS);
            }
            return; // a hang: the stream stays open and silent
        }
        if (index == events.size()) {
            writer.close();
            return;
        }
        if (!writer.tryWrite(HttpData.ofUtf8("data: " + events.get(index) + "\n\n"))) {
            return;
        }
        Runnable next = () -> writeFrom(ctx, writer, events, index + 1, stopAt, fault, delay);
        if (delay.isZero()) {
            next.run();
        } else {
            ctx.eventLoop().schedule(next, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }
}
