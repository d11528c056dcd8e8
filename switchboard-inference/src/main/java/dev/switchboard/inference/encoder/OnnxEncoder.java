package dev.switchboard.inference.encoder;

import dev.switchboard.core.encode.Encoding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A transformer encoder run in-process with ONNX Runtime: one forward pass yields the token states, the pooled
 * L2-normalized sentence embedding and the character span of every token.
 *
 * <p><b>Long inputs.</b> {@link #encode} keeps the first {@code maxTokens} tokens (special tokens included) and sets
 * {@link Encoding#truncated()}; the embedding then describes the opening of the text, which is where a chat prompt
 * states what it asks. Guards that must see every token call {@link #encodeWindows}, which covers the whole text
 * with overlapping windows (docs/adr/0002-long-input-truncation.md).
 *
 * <p><b>Bad input.</b> Null or empty text encodes the special tokens alone. Unpaired UTF-16 surrogates (binary
 * garbage decoded as text) are replaced by U+FFFD before tokenization, which keeps every character offset valid.
 *
 * <p>Thread-safe: a pool of {@code poolSize} sessions, each with {@code intraOpThreads} threads, bounds CPU use.
 */
public final class OnnxEncoder implements WindowEncoder {

    private final EncoderSettings settings;
    private final String modelId;
    private final Tokenizer tokenizer;
    private final SessionPool sessions;
    private final Pooling pooling;
    private final int dimension;

    private OnnxEncoder(EncoderSettings settings) {
        ModelFiles files = ModelFiles.load(settings);
        this.settings = settings;
        this.pooling = settings.effectivePooling();
        this.modelId = idFor(files.id(), settings);
        this.tokenizer = new Tokenizer(files.tokenizer(), files.source());
        this.sessions = new SessionPool(files, settings.poolSize(), settings.intraOpThreads(),
                settings.soloThreads());
        this.dimension = sessions.forward(frame(new long[0])).states()[0].length;
    }

    /** Builds an encoder; fails with an {@link EncoderException} naming the file if the model cannot be loaded. */
    public static OnnxEncoder create(EncoderSettings settings) {
        return new OnnxEncoder(settings);
    }

    /** The bundled default encoder (ADR 0001). */
    public static OnnxEncoder loadDefault() {
        return create(EncoderSettings.defaults());
    }

    // The head depends on pooling as much as on weights, so a non-native pooling is part of the identity.
    private static String idFor(String baseId, EncoderSettings settings) {
        boolean nativePooling = settings.modelPath() == null && settings.pooling() == null
                || settings.modelPath() == null && settings.pooling() == settings.bundled().nativePooling();
        return nativePooling ? baseId : baseId + "+" + settings.effectivePooling().name().toLowerCase();
    }

    /**
     * Characters per token beyond which a text is cut before it is tokenized. No tokenizer makes fewer tokens of
     * ordinary text (English averages about four characters a token); a text of long words or much white space may
     * lose tokens the window had room for, never the other way round. It keeps a multi-megabyte message from being
     * tokenized whole for the first few hundred tokens.
     */
    public static final int CHARS_PER_TOKEN_BOUND = 16;

    @Override
    public Encoding encode(String text) {
        int room = settings.maxTokens() - tokenizer.specialTokens();
        String safe = text == null ? "" : text;
        boolean cut = safe.length() > (long) room * CHARS_PER_TOKEN_BOUND;
        TokenizedText tokens = tokenizer.tokenize(sanitize(cut ? prefix(safe, room) : safe));
        return encodeSlice(tokens, 0, Math.min(room, tokens.length()), cut || tokens.length() > room);
    }

    /** The first {@code tokens * CHARS_PER_TOKEN_BOUND} characters, never ending inside a surrogate pair. */
    private static String prefix(String text, int tokens) {
        int end = tokens * CHARS_PER_TOKEN_BOUND;
        return text.substring(0, Character.isHighSurrogate(text.charAt(end - 1)) ? end - 1 : end);
    }

    /**
     * Encodes the whole text as overlapping windows, each at most {@code windowTokens} long with special tokens,
     * successive windows starting {@code stride} content tokens apart. Always returns at least one window.
     */
    public List<Encoding> encodeWindows(String text, int windowTokens, int stride) {
        return encodeWindows(text, windowTokens, stride, Integer.MAX_VALUE);
    }

    @Override
    public List<Encoding> encodeWindows(String text, int windowTokens, int stride, int maxWindows) {
        int room = windowTokens - tokenizer.specialTokens();
        if (room < 1 || stride < 1 || stride > room) {
            throw new IllegalArgumentException("need windowTokens > special tokens and 1 <= stride <= window room");
        }
        TokenizedText tokens = tokenizer.tokenize(sanitize(text));
        List<Encoding> windows = new ArrayList<>();
        int start = 0;
        boolean more;
        do {
            int end = Math.min(start + room, tokens.length());
            more = end < tokens.length();
            windows.add(encodeSlice(tokens, start, end, more && windows.size() + 1 >= Math.max(1, maxWindows)));
            start += stride;
        } while (more && windows.size() < Math.max(1, maxWindows));
        return windows;
    }

    @Override
    public int[][] tokenSpans(String text) {
        return tokenizer.tokenize(sanitize(text)).spans();
    }

    private Encoding encodeSlice(TokenizedText tokens, int from, int to, boolean truncated) {
        long[] ids = frame(Arrays.copyOfRange(tokens.ids(), from, to));
        SessionPool.Pass pass = sessions.forward(ids);
        float[][] states = pass.states();
        return new Encoding(Vectors.pool(states, pooling), states, offsets(tokens, from, to), truncated,
                pass.outputs());
    }

    private long[] frame(long[] content) {
        long[] prefix = tokenizer.prefix();
        long[] suffix = tokenizer.suffix();
        long[] ids = new long[prefix.length + content.length + suffix.length];
        System.arraycopy(prefix, 0, ids, 0, prefix.length);
        System.arraycopy(content, 0, ids, prefix.length, content.length);
        System.arraycopy(suffix, 0, ids, prefix.length + content.length, suffix.length);
        return ids;
    }

    private int[][] offsets(TokenizedText tokens, int from, int to) {
        int[][] offsets = new int[tokenizer.specialTokens() + to - from][];
        Arrays.setAll(offsets, i -> new int[] {0, 0});
        for (int i = from; i < to; i++) {
            offsets[tokenizer.prefix().length + i - from] = tokens.spans()[i].clone();
        }
        return offsets;
    }

    /** Replaces unpaired surrogates (invalid UTF-16) with U+FFFD; lengths and therefore offsets are unchanged. */
    static String sanitize(String text) {
        if (text == null) {
            return "";
        }
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (Character.isHighSurrogate(chars[i]) && i + 1 < chars.length && Character.isLowSurrogate(chars[i + 1])) {
                i++;
            } else if (Character.isSurrogate(chars[i]) || chars[i] == 0) {
                chars[i] = chars[i] == 0 ? ' ' : '\uFFFD';
            }
        }
        return new String(chars);
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** The pooling that produced {@link Encoding#embedding()}. */
    public Pooling pooling() {
        return pooling;
    }

    /** The settings this encoder was built with. */
    public EncoderSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        sessions.close();
        tokenizer.close();
    }
}
