package dev.switchboard.inference.encoder;

import dev.switchboard.core.encode.Encoding;
import java.util.List;

/**
 * A {@link WindowEncoder} that hands every call to another one; subclasses override only the calls they watch or
 * change. It is what {@code PipelineFactory}'s wrap hook is for: a test counting the encoder's passes, another
 * corrupting its output, a benchmark timing it. {@link #countTokens} is not forwarded, so it goes through this
 * encoder's {@link #tokenSpans} and a subclass watching token spans sees it too. Closing it leaves the other open:
 * its owner closes that.
 */
public abstract class ForwardingWindowEncoder implements WindowEncoder {

    private final WindowEncoder delegate;

    protected ForwardingWindowEncoder(WindowEncoder delegate) {
        this.delegate = java.util.Objects.requireNonNull(delegate, "delegate");
    }

    /** The encoder every call goes to. */
    protected final WindowEncoder delegate() {
        return delegate;
    }

    @Override
    public Encoding encode(String text) {
        return delegate.encode(text);
    }

    @Override
    public List<Encoding> encodeWindows(String text, int windowTokens, int stride, int maxWindows) {
        return delegate.encodeWindows(text, windowTokens, stride, maxWindows);
    }

    @Override
    public int[][] tokenSpans(String text) {
        return delegate.tokenSpans(text);
    }

    @Override
    public EncoderSettings settings() {
        return delegate.settings();
    }

    @Override
    public String modelId() {
        return delegate.modelId();
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }
}
