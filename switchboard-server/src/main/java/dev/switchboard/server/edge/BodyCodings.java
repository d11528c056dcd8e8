package dev.switchboard.server.edge;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.BrotliInputStream;
import com.github.luben.zstd.ZstdInputStream;
import dev.switchboard.core.request.ApiException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Decodes a request body compressed with one HTTP content coding (gzip, deflate, br, zstd), never producing more
 * than a limit: a small "zip bomb" that inflates to gigabytes stops at the limit with a 413.
 */
final class BodyCodings {

    static final String SUPPORTED = "gzip, deflate, br, zstd";

    private BodyCodings() {}

    /** True for the codings {@link #decode} understands; {@code identity} means no coding at all. */
    static boolean supports(String coding) {
        return switch (coding) {
            case "gzip", "x-gzip", "deflate", "br", "zstd" -> true;
            default -> false;
        };
    }

    /**
     * @throws ApiException 400 when the body is not valid in that coding, 413 when it decodes past {@code limit}
     */
    static byte[] decode(String coding, byte[] body, long limit) {
        try (InputStream in = open(coding, new ByteArrayInputStream(body))) {
            return readAtMost(in, limit);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiException api) {
                throw api;
            }
            throw ApiException.invalidRequest(null, "The request body is not valid " + coding
                    + " data, yet Content-Encoding says it is; send it uncompressed or compress it as declared.");
        } catch (UnsatisfiedLinkError e) {
            throw new ApiException(415, "invalid_request_error", "unsupported_content_encoding", null,
                    "Content-Encoding " + coding + " is not available on this platform; send gzip or deflate.");
        }
    }

    private static InputStream open(String coding, InputStream raw) throws IOException {
        return switch (coding.toLowerCase(Locale.ROOT)) {
            case "gzip", "x-gzip" -> new GZIPInputStream(raw);
            case "deflate" -> new InflaterInputStream(raw);
            case "br" -> {
                Brotli4jLoader.ensureAvailability();
                yield new BrotliInputStream(raw);
            }
            case "zstd" -> new ZstdInputStream(raw);
            default -> throw new IllegalArgumentException("unsupported coding " + coding);
        };
    }

    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            if (out.size() + (long) n > limit) {
                throw new ApiException(413, "invalid_request_error", "request_too_large", null,
                        "The request body decompresses to more than the " + limit
                                + " bytes this router accepts (server.max_body_bytes).");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
