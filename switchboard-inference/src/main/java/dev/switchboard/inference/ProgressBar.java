package dev.switchboard.inference;

import java.io.PrintStream;

/**
 * A one-line console progress bar: {@code embed [#########.........]  4512/12032  37%  0:42 left}.
 *
 * <p>It redraws at most every 200 ms (a CLI's output must not become the bottleneck) and ends the line when a phase
 * completes or a new phase begins.
 */
public final class ProgressBar implements ProgressListener {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream out;
    private String phase;
    private long phaseStart;
    private long lastDraw;

    public ProgressBar(PrintStream out) {
        this.out = out;
    }

    /** A bar on standard error, so that standard output stays clean for results. */
    public static ProgressBar toStderr() {
        return new ProgressBar(System.err);
    }

    @Override
    public synchronized void onProgress(String newPhase, long done, long total) {
        long now = System.nanoTime();
        if (!newPhase.equals(phase)) {
            startPhase(newPhase, now);
        }
        boolean finished = total > 0 && done >= total;
        if (finished || now - lastDraw >= REDRAW_NANOS) {
            lastDraw = now;
            out.print("\r" + render(done, total, now) + (finished ? System.lineSeparator() : ""));
            out.flush();
            if (finished) {
                phase = null;
            }
        }
    }

    private void startPhase(String newPhase, long now) {
        if (phase != null) {
            out.println();
        }
        phase = newPhase;
        phaseStart = now;
        lastDraw = 0;
    }

    private String render(long done, long total, long now) {
        if (total <= 0) {
            return String.format("%s %d", phase, done);
        }
        double fraction = Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        return String.format("%s [%s] %d/%d %3d%% %s left", phase, bar, done, total, Math.round(fraction * 100),
                remaining(fraction, now));
    }

    private String remaining(double fraction, long now) {
        if (fraction <= 0) {
            return "?:??";
        }
        long seconds = Math.round((now - phaseStart) / 1e9 * (1 - fraction) / fraction);
        return String.format("%d:%02d", seconds / 60, seconds % 60);
    }
}
