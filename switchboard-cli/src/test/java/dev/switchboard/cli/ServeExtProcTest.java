package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.linecorp.armeria.client.grpc.GrpcClients;
import dev.switchboard.testing.TestUpstream;
import io.envoyproxy.envoy.config.core.v3.HeaderMap;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpBody;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpHeaders;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.stub.StreamObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} starts the Envoy ext_proc listener when the config enables it, and it follows config reloads. */
class ServeExtProcTest {

    private static String config(String upstream, String prompt) {
        return """
                server: {host: 127.0.0.1, port: 0}
                extproc: {enabled: true, port: 0}
                routing: {default_model: m}
                models:
                  - name: m
                    endpoints: [{url: "%s"}]
                decisions:
                  - name: all
                    model_refs: [{model: m}]
                    plugins: [{type: system_prompt, system_prompt: "%s"}]
                """.formatted(upstream, prompt);
    }

    @Test
    void serveStartsTheExtProcListenerOnTheSameLiveRouter(@TempDir Path dir) throws Exception {
        try (TestUpstream upstream = TestUpstream.start("m")) {
            Path file = dir.resolve("switchboard.yaml");
            Files.writeString(file, config(upstream.baseUrl(), "v0"));
            try (RouterProcess router = RouterProcess.serve(file, UnaryOperator.identity(), Duration.ofMillis(50))) {
                assertThat(router.extProcPort()).isPositive();
                assertThat(systemPromptSent(router.extProcPort())).isEqualTo("v0");

                Files.writeString(file, config(upstream.baseUrl(), "v1"));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!systemPromptSent(router.extProcPort()).equals("v1") && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(systemPromptSent(router.extProcPort())).isEqualTo("v1");
            }
        }
    }

    /** Plays Envoy for one buffered request; returns the system prompt in the body the model would receive. */
    private static String systemPromptSent(int port) throws Exception {
        LinkedBlockingQueue<ProcessingResponse> answers = new LinkedBlockingQueue<>();
        StreamObserver<ProcessingRequest> envoy = GrpcClients.newClient("http://127.0.0.1:" + port,
                ExternalProcessorGrpc.ExternalProcessorStub.class).process(new StreamObserver<>() {
                    @Override
                    public void onNext(ProcessingResponse value) {
                        answers.add(value);
                    }

                    @Override
                    public void onError(Throwable t) {}

                    @Override
                    public void onCompleted() {}
                });
        String body = "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        envoy.onNext(ProcessingRequest.newBuilder().setRequestHeaders(HttpHeaders.newBuilder()
                .setHeaders(HeaderMap.newBuilder()
                        .addHeaders(header(":method", "POST")).addHeaders(header(":path", "/v1/chat/completions")))
                .build()).build());
        assertThat(answers.poll(10, TimeUnit.SECONDS).hasRequestHeaders()).isTrue();
        envoy.onNext(ProcessingRequest.newBuilder().setRequestBody(HttpBody.newBuilder()
                .setBody(ByteString.copyFromUtf8(body)).setEndOfStream(true)).build());
        ProcessingResponse routed = answers.poll(10, TimeUnit.SECONDS);
        envoy.onCompleted();
        String sent = routed.getRequestBody().getResponse().getBodyMutation().getBody().toStringUtf8();
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(sent).path("messages").path(0)
                .path("content").asText();
    }

    private static HeaderValue header(String name, String value) {
        return HeaderValue.newBuilder().setKey(name).setRawValue(ByteString.copyFromUtf8(value)).build();
    }
}
