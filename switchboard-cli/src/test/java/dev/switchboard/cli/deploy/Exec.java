package dev.switchboard.cli.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion with optional stdin; the result keeps its exit code and both output streams. */
record Exec(int exit, String out, String err) {

    static Exec run(List<String> command, String stdin) {
        try {
            Path out = Files.createTempFile("exec-", ".out");
            Path err = Files.createTempFile("exec-", ".err");
            Process process = new ProcessBuilder(command).directory(DeployTools.REPO.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try (var in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within 2 minutes");
            }
            Exec result = new Exec(process.exitValue(), Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** The output, or an AssertionError with everything the command said when it failed. */
    String orFail() {
        if (exit != 0) {
            throw new AssertionError("exit " + exit + "\n" + out + "\n" + err);
        }
        return out;
    }
}
