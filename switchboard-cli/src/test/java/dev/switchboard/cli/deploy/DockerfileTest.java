package dev.switchboard.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A structural lint of deploy/Dockerfile (no Docker engine or hadolint here, see ADR 0016): the rules a reviewer
 * would check by hand, so an edit cannot quietly run the router as root, drop the health check, or copy a file that
 * does not exist.
 */
class DockerfileTest {

    private static final Path DOCKERFILE = DeployTools.REPO.resolve("deploy/Dockerfile");

    /** One instruction: its keyword and its arguments, continuation lines joined, comments dropped. */
    record Instruction(String keyword, String args) {}

    static List<Instruction> parse(Path file) throws IOException {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            boolean continues = trimmed.endsWith("\\");
            current.append(continues ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
            if (!continues) {
                String text = current.toString().strip();
                int space = text.indexOf(' ');
                instructions.add(new Instruction(text.substring(0, space).toUpperCase(Locale.ROOT),
                        text.substring(space + 1).strip()));
                current.setLength(0);
            }
        }
        return instructions;
    }

    private static List<Instruction> finalStage(List<Instruction> all) {
        int last = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).keyword().equals("FROM")) {
                last = i;
            }
        }
        return all.subList(last, all.size());
    }

    private static String only(List<Instruction> stage, String keyword) {
        List<String> found = stage.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::args).toList();
        assertThat(found).as("exactly one %s in the run stage", keyword).hasSize(1);
        return found.get(0);
    }

    @Test
    void buildsInOneStageAndRunsOnAPinnedJreInAnother() throws IOException {
        List<String> froms = parse(DOCKERFILE).stream().filter(i -> i.keyword().equals("FROM"))
                .map(Instruction::args).toList();
        assertThat(froms).hasSize(2);
        assertThat(froms.get(0)).contains("-jdk").endsWith(" AS build");
        assertThat(froms.get(1)).contains("-jre");
        assertThat(froms).allSatisfy(from -> assertThat(from.split(" ")[0]).as("a pinned tag")
                .contains(":").doesNotEndWith(":latest"));
        assertThat(only(finalStage(parse(DOCKERFILE)), "COPY")).startsWith("--from=build ");
    }

    @Test
    void runsAsANumericNonRootUserWithAWritableTmpOnly() throws IOException {
        List<Instruction> run = finalStage(parse(DOCKERFILE));
        String user = only(run, "USER");
        assertThat(user).matches("\\d+(:\\d+)?");
        assertThat(user.split(":")[0]).isNotEqualTo("0");
        assertThat(only(run, "VOLUME")).contains("/tmp");
        String env = only(run, "ENV");
        assertThat(env).contains("-XX:MaxRAMPercentage=").contains("-XX:+ExitOnOutOfMemoryError")
                .contains("-Djava.io.tmpdir=/tmp");
    }

    @Test
    void checksHealthAndStartsTheRouterSoSigtermReachesTheJvm() throws IOException {
        List<Instruction> run = finalStage(parse(DOCKERFILE));
        assertThat(only(run, "HEALTHCHECK")).contains("/health").contains("CMD [");
        String entrypoint = only(run, "ENTRYPOINT");
        assertThat(entrypoint).as("exec form: java is PID 1 and gets SIGTERM").startsWith("[\"java\"");
        String jar = only(run, "COPY").split(" ")[only(run, "COPY").split(" ").length - 1];
        assertThat(entrypoint).contains("\"" + jar + "\"");
        assertThat(only(run, "CMD")).contains("/etc/switchboard/switchboard.yaml");
        assertThat(only(run, "EXPOSE")).contains("8801");
    }

    @Test
    void copiesOnlyWhatExistsAndNeverFetchesWithAdd() throws IOException {
        List<Instruction> all = parse(DOCKERFILE);
        assertThat(all).noneMatch(i -> i.keyword().equals("ADD"));
        assertThat(all).filteredOn(i -> i.keyword().equals("COPY") && !i.args().startsWith("--from"))
                .allSatisfy(copy -> {
                    String[] parts = copy.args().split(" ");
                    for (int k = 0; k < parts.length - 1; k++) {
                        if (!parts[k].startsWith("--")) {
                            assertThat(DeployTools.REPO.resolve(parts[k])).exists();
                        }
                    }
                });
        assertThat(Files.readString(DeployTools.REPO.resolve(".dockerignore"))).contains("**/target/");
    }
}
