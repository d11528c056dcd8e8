package dev.switchboard.cli.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The tools the deployment tests run, installed on first use into a cache that outlives the build
 * ({@code $SWITCHBOARD_TOOLS_CACHE}, default {@code ~/.cache/switchboard-tools}): Helm, built from source through the
 * Go module proxy ({@code go install helm.sh/helm/v3/cmd/helm@VERSION}: no release downloads are reachable from CI),
 * and the manifest validator in {@code deploy/helm/validate} (Kubernetes API types, strict decoding). Needs Go 1.21+
 * (older Go cannot fetch the newer toolchain Helm asks for); without it the tests fail saying so, never skip.
 * The first build takes a few minutes; later runs reuse the binaries.
 */
final class DeployTools {

    static final String HELM_VERSION = "v3.19.5";
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path VALIDATOR_SOURCE = REPO.resolve("deploy/helm/validate");

    private DeployTools() {}

    static synchronized Path helm() {
        Path dir = cache().resolve("helm-" + HELM_VERSION);
        Path helm = dir.resolve("helm");
        if (!Files.isExecutable(helm)) {
            run(REPO, Map.of("GOBIN", dir.toString()), "install", "helm.sh/helm/v3/cmd/helm@" + HELM_VERSION);
        }
        return helm;
    }

    /** The validator, rebuilt whenever its sources or pinned modules change (named by their digest). */
    static synchronized Path validator() {
        Path binary = cache().resolve("k8s-validate-" + sourceDigest());
        if (!Files.isExecutable(binary)) {
            run(VALIDATOR_SOURCE, Map.of(), "build", "-o", binary.toString(), ".");
        }
        return binary;
    }

    private static Path cache() {
        String configured = System.getenv("SWITCHBOARD_TOOLS_CACHE");
        return configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "switchboard-tools");
    }

    private static String sourceDigest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String file : List.of("go.mod", "go.sum", "main.go")) {
                sha.update(Files.readAllBytes(VALIDATOR_SOURCE.resolve(file)));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(Path dir, Map<String, String> env, String... goArgs) {
        List<String> command = new java.util.ArrayList<>(List.of(go()));
        command.addAll(List.of(goArgs));
        try {
            Path log = Files.createTempFile("go-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            builder.environment().put("GOFLAGS", "-buildvcs=false");
            builder.environment().putIfAbsent("GOTOOLCHAIN", "auto");
            Process process = builder.start();
            if (!process.waitFor(20, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed in " + dir + ":\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static String go() {
        for (String candidate : List.of("go", "/usr/local/go/bin/go")) {
            try {
                Process p = new ProcessBuilder(candidate, "version").redirectErrorStream(true).start();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException notThere) {
                // try the next place
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("The deployment tests build Helm and the manifest validator with Go 1.21+,"
                + " which is not on the PATH (nor in /usr/local/go/bin): install Go from go.dev/dl or your"
                + " distribution's backports");
    }
}
