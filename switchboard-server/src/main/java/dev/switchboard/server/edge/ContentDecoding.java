package dev.switchboard.server.edge;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.server.DecoratingHttpServiceFunction;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.switchboard.core.request.ApiException;
import dev.switchboard.server.api.OpenAiErrors;
import java.util.Locale;

/**
 * Request bodies sent with a {@code Content-Encoding}: decoded before any service reads them (gzip, deflate, br,
 * zstd), held to {@code server.max_body_bytes} after decoding too, or refused: an unknown coding with 415, a body
 * that is not what its header says with 400. Services behind it see a plain body and no Content-Encoding header,
 * so a body can never reach the parser, or an upstream, still compressed.
 *
 * <p>Armeria's own {@code DecodingService} knows no zstd and gives no way to say which of these failures happened,
 * so the few lines here do the job with the JDK's inflaters and the brotli4j and zstd-jni decoders.
 */
public final class ContentDecoding implements DecoratingHttpServiceFunction {

    private final long maxDecodedBytes;

    public ContentDecoding(long maxDecodedBytes) {
        this.maxDecodedBytes = maxDecodedBytes;
    }

    @Override
    public HttpResponse serve(HttpService delegate, ServiceRequestContext ctx, HttpRequest req) throws Exception {
        String header = req.headers().get(HttpHeaderNames.CONTENT_ENCODING);
        String coding = header == null ? "identity" : header.trim().toLowerCase(Locale.ROOT);
        if (coding.isEmpty() || coding.equals("identity")) {
            return delegate.serve(ctx, req);
        }
        if (!BodyCodings.supports(coding)) {
            return OpenAiErrors.toAggregated(new ApiException(415, "invalid_request_error",
                    "unsupported_content_encoding", null, "Content-Encoding '" + abbreviate(header)
                            + "' is not supported; send the body uncompressed or as one of: "
                            + BodyCodings.SUPPORTED + ".")).toHttpResponse();
        }
        return HttpResponse.of(req.aggregate().thenApply(agg -> {
            byte[] plain = BodyCodings.decode(coding, agg.content().array(), maxDecodedBytes);
            RequestHeaders headers = req.headers().toBuilder()
                    .removeAndThen(HttpHeaderNames.CONTENT_ENCODING)
                    .removeAndThen(HttpHeaderNames.CONTENT_LENGTH)
                    .build();
            return serveDecoded(delegate, ctx, HttpRequest.of(headers, HttpData.wrap(plain)));
        }).exceptionally(OpenAiErrors::response));
    }

    private static HttpResponse serveDecoded(HttpService delegate, ServiceRequestContext ctx, HttpRequest decoded) {
        ctx.updateRequest(decoded);
        try {
            return delegate.serve(ctx, decoded);
        } catch (Exception e) {
            return OpenAiErrors.response(e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
