package dev.switchboard.inference.encoder;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

/**
 * A Hugging Face tokenizer that returns content tokens only; {@link OnnxEncoder} adds the special tokens itself so
 * that it can cut any window out of a long text and still frame it as the model expects.
 */
final class Tokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer delegate;
    private final long[] prefix;
    private final long[] suffix;

    Tokenizer(byte[] tokenizerJson, String source) {
        try {
            // Truncation is ours to do; the tokenizer must see and return the whole text.
            delegate = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tokenizerJson),
                    Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false"));
        } catch (IOException | RuntimeException e) {
            throw new EncoderException("Cannot load tokenizer for " + source + ": " + e.getMessage(), e);
        }
        // Learn the special-token frame (e.g. [CLS] ... [SEP]) from a one-token probe.
        long[] framed = delegate.encode("a", true, false).getIds();
        long content = delegate.encode("a", false, false).getIds()[0];
        int at = indexOf(framed, content);
        prefix = Arrays.copyOfRange(framed, 0, at);
        suffix = Arrays.copyOfRange(framed, at + 1, framed.length);
    }

    /** Tokens of {@code text} without special tokens. */
    TokenizedText tokenize(String text) {
        Encoding encoding = delegate.encode(text, false, false);
        CharSpan[] spans = encoding.getCharTokenSpans();
        int[] utf16 = codePointToCharIndex(text);
        int[][] offsets = new int[spans.length][];
        for (int i = 0; i < spans.length; i++) {
            offsets[i] = spans[i] == null ? new int[] {0, 0}
                    : new int[] {utf16[spans[i].getStart()], utf16[spans[i].getEnd()]};
        }
        return new TokenizedText(encoding.getIds(), offsets);
    }

    // The native tokenizer counts Unicode code points; Java strings index UTF-16 chars (emoji take two).
    private static int[] codePointToCharIndex(String text) {
        int[] index = new int[text.codePointCount(0, text.length()) + 1];
        int at = 0;
        for (int cp = 0; cp < index.length - 1; cp++) {
            index[cp] = at;
            at += Character.charCount(text.codePointAt(at));
        }
        index[index.length - 1] = text.length();
        return index;
    }

    /** Number of special tokens framing every window. */
    int specialTokens() {
        return prefix.length + suffix.length;
    }

    long[] prefix() {
        return prefix;
    }

    long[] suffix() {
        return suffix;
    }

    private static int indexOf(long[] ids, long id) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == id) {
                return i;
            }
        }
        throw new EncoderException("Tokenizer does not reproduce its own tokens; unsupported tokenizer.json");
    }

    @Override
    public void close() {
        delegate.close();
    }
}
