package dev.switchboard.extproc;

import com.google.protobuf.ByteString;
import dev.switchboard.core.adapter.LocalAnswer;
import io.envoyproxy.envoy.config.core.v3.HeaderMap;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.service.ext_proc.v3.BodyMutation;
import io.envoyproxy.envoy.service.ext_proc.v3.BodyResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.CommonResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.HeaderMutation;
import io.envoyproxy.envoy.service.ext_proc.v3.HeadersResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ImmediateResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.TrailersResponse;
import io.envoyproxy.envoy.type.v3.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reads Envoy's header maps and builds the ext_proc answers, so the phases speak in plain maps and bytes. */
final class EnvoyMessages {

    private EnvoyMessages() {}

    /**
     * The headers as a map by lower-case name. Envoy sends each value in {@code raw_value} (bytes) since 1.27 and
     * in {@code value} before; a repeated header keeps its first value, as an HTTP/2 proxy sees it first.
     */
    static Map<String, String> headers(HeaderMap map) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (HeaderValue header : map.getHeadersList()) {
            String value = header.getRawValue().isEmpty() ? header.getValue()
                    : header.getRawValue().toString(StandardCharsets.UTF_8);
            headers.putIfAbsent(header.getKey().toLowerCase(Locale.ROOT), value);
        }
        return headers;
    }

    /** Sets (overwrites) each header; removes {@code remove}. */
    static HeaderMutation mutation(Map<String, String> set, String... remove) {
        HeaderMutation.Builder mutation = HeaderMutation.newBuilder();
        set.forEach((name, value) -> mutation.addSetHeaders(HeaderValueOption.newBuilder()
                .setHeader(HeaderValue.newBuilder().setKey(name)
                        .setRawValue(ByteString.copyFromUtf8(value)))
                .setAppendAction(HeaderValueOption.HeaderAppendAction.OVERWRITE_IF_EXISTS_OR_ADD)));
        for (String name : remove) {
            mutation.addRemoveHeaders(name);
        }
        return mutation.build();
    }

    static ProcessingResponse requestHeaders(CommonResponse common) {
        return ProcessingResponse.newBuilder()
                .setRequestHeaders(HeadersResponse.newBuilder().setResponse(common)).build();
    }

    static ProcessingResponse responseHeaders(CommonResponse common) {
        return ProcessingResponse.newBuilder()
                .setResponseHeaders(HeadersResponse.newBuilder().setResponse(common)).build();
    }

    static ProcessingResponse requestBody(CommonResponse common) {
        return ProcessingResponse.newBuilder().setRequestBody(BodyResponse.newBuilder().setResponse(common)).build();
    }

    static ProcessingResponse responseBody(CommonResponse common) {
        return ProcessingResponse.newBuilder().setResponseBody(BodyResponse.newBuilder().setResponse(common))
                .build();
    }

    /** Leave this phase's message as it is. */
    static CommonResponse unchanged() {
        return CommonResponse.getDefaultInstance();
    }

    /** Replace this body message (a whole buffered body, or one streamed chunk) with {@code body}. */
    static CommonResponse replaceBody(byte[] body) {
        return CommonResponse.newBuilder()
                .setBodyMutation(BodyMutation.newBuilder().setBody(ByteString.copyFrom(body))).build();
    }

    static ProcessingResponse trailers(boolean request) {
        TrailersResponse empty = TrailersResponse.getDefaultInstance();
        ProcessingResponse.Builder response = ProcessingResponse.newBuilder();
        return (request ? response.setRequestTrailers(empty) : response.setResponseTrailers(empty)).build();
    }

    /** Envoy answers the client itself with {@code answer}; the request never reaches a model. */
    static ProcessingResponse immediate(LocalAnswer answer, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(answer.headers());
        headers.put("content-type", answer.contentType());
        headers.putAll(extraHeaders);
        return ProcessingResponse.newBuilder().setImmediateResponse(ImmediateResponse.newBuilder()
                .setStatus(HttpStatus.newBuilder().setCodeValue(answer.status()))
                .setHeaders(mutation(headers))
                .setBody(ByteString.copyFrom(answer.bodyBytes()))
                .setDetails("switchboard_" + answer.headers().getOrDefault("x-vsr-response-path", "local")))
                .build();
    }
}
