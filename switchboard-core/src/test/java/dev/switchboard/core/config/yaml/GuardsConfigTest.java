package dev.switchboard.core.config.yaml;

import static dev.switchboard.core.config.yaml.ConfigFixtures.BASE;
import static dev.switchboard.core.config.yaml.ConfigFixtures.errorsOf;
import static dev.switchboard.core.config.yaml.ConfigFixtures.onlyErrorOf;
import static dev.switchboard.core.config.yaml.ConfigFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.config.GuardSettings;
import dev.switchboard.core.config.GuardSettings.JailbreakGuard;
import dev.switchboard.core.config.GuardSettings.PiiGuard;
import dev.switchboard.core.config.SwitchboardConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The guards section and the per-decision {@code jailbreak} and {@code pii} plugins that override it. */
class GuardsConfigTest {

    private static final String DECISIONS = """
            decisions:
              - name: plain
                model_refs: [{model: qwen}]
              - name: trusted
                model_refs: [{model: qwen}]
                plugins: [{type: jailbreak, enabled: false}, {type: pii, enabled: false}]
              - name: tuned
                model_refs: [{model: qwen}]
                plugins:
                  - {type: jailbreak, threshold: 0.6, action: flag, response: error}
                  - {type: pii, action: block, min_confidence: 0.9}
              - name: switched-on
                model_refs: [{model: qwen}]
                plugins: [{type: jailbreak, enabled: true}, {type: pii, restore: false}]
            """;

    private static JailbreakGuard jailbreak(SwitchboardConfig config, int decision) {
        return config.guards().jailbreakFor(config.decisions().get(decision));
    }

    private static PiiGuard pii(SwitchboardConfig config, int decision) {
        return config.guards().piiFor(config.decisions().get(decision));
    }

    @Test
    void emptySectionsSwitchTheGuardsOnWithDefaults() {
        GuardSettings guards = parse(BASE + "guards: {jailbreak: {}, pii: {}}\n").guards();
        assertThat(guards.jailbreak()).isEqualTo(new JailbreakGuard(0.87, JailbreakGuard.Action.BLOCK,
                JailbreakGuard.Response.CONTENT_FILTER, JailbreakGuard.Scan.USER_AND_TOOL, 8));
        assertThat(guards.pii()).isEqualTo(new PiiGuard(PiiGuard.Action.FALLBACK, true, 0.5, true));
        assertThat(parse(BASE + "guards: {jailbreak: {scan: latest, scan_limit: 0}}\n").guards().jailbreak())
                .extracting(JailbreakGuard::scan, JailbreakGuard::scanLimit)
                .containsExactly(JailbreakGuard.Scan.LATEST, 0);
    }

    @Test
    void decisionPluginsOverrideTheGlobalGuardsFieldByField() {
        SwitchboardConfig config = parse(BASE + """
                guards:
                  jailbreak: {threshold: 0.4, response: error, scan: latest}
                  pii: {action: redact, min_confidence: 0.7}
                """ + DECISIONS);
        JailbreakGuard global = config.guards().jailbreak();
        assertThat(jailbreak(config, 0)).isEqualTo(global);
        assertThat(config.guards().jailbreakFor(null)).isEqualTo(global);
        assertThat(jailbreak(config, 1)).isNull();
        assertThat(jailbreak(config, 2)).isEqualTo(new JailbreakGuard(0.6, JailbreakGuard.Action.FLAG,
                JailbreakGuard.Response.ERROR, JailbreakGuard.Scan.LATEST, 8));
        assertThat(jailbreak(config, 3)).isEqualTo(global);
        assertThat(pii(config, 0)).isEqualTo(config.guards().pii());
        assertThat(pii(config, 1)).isNull();
        assertThat(pii(config, 2)).isEqualTo(new PiiGuard(PiiGuard.Action.BLOCK, true, 0.9, true));
        assertThat(pii(config, 3)).isEqualTo(new PiiGuard(PiiGuard.Action.REDACT, false, 0.7, true));
    }

    @Test
    void aDecisionSwitchesAGuardOnWithDefaultsWhenTheGlobalSectionIsAbsent() {
        SwitchboardConfig config = parse(BASE + DECISIONS);
        assertThat(jailbreak(config, 0)).isNull();
        assertThat(jailbreak(config, 3)).isEqualTo(JailbreakGuard.DEFAULTS);
        assertThat(jailbreak(config, 2).threshold()).isEqualTo(0.6);
        assertThat(pii(config, 0)).isNull();
        assertThat(pii(config, 3)).isEqualTo(new PiiGuard(PiiGuard.Action.FALLBACK, false, 0.5, true));
        // the jailbreak head (and so the encoder) must be loaded for the decisions that use it
        assertThat(config.judgesJailbreaks()).isTrue();
        assertThat(config.needsEncoder()).isTrue();
        assertThat(config.screensPii()).isTrue();
    }

    @Test
    void switchingAGuardOffEverywhereNeedsNoDetector() {
        SwitchboardConfig config = parse(BASE + """
                decisions:
                  - name: trusted
                    model_refs: [{model: qwen}]
                    plugins: [{type: jailbreak, enabled: false}, {type: pii, enabled: false}]
                """);
        assertThat(config.judgesJailbreaks()).isFalse();
        assertThat(config.needsEncoder()).isFalse();
        assertThat(config.screensPii()).isFalse();
    }

    @Test
    void badJailbreakPluginFieldsAreNamedByTheirPath() {
        List<ConfigError> errors = errorsOf(BASE + """
                decisions:
                  - name: a
                    model_refs: [{model: qwen}]
                  - name: b
                    model_refs: [{model: qwen}]
                  - name: c
                    model_refs: [{model: qwen}]
                    plugins:
                      - {type: jailbreak, enabled: maybe, threshold: 1.5, action: redact, response: html}
                """);
        assertThat(errors).extracting(ConfigError::path).containsExactlyInAnyOrder(
                "decisions[2].plugins[0].enabled", "decisions[2].plugins[0].threshold",
                "decisions[2].plugins[0].action", "decisions[2].plugins[0].response");
        assertThat(errors).filteredOn(e -> e.path().endsWith("threshold")).singleElement()
                .extracting(ConfigError::message).asString().contains("outside (0, 1)");
        assertThat(onlyErrorOf(BASE + """
                decisions:
                  - name: a
                    model_refs: [{model: qwen}]
                    plugins: [{type: jailbreak, threshold: 0}]
                """).path()).isEqualTo("decisions[0].plugins[0].threshold");
    }

    @Test
    void badPiiPluginFieldsAreNamedByTheirPath() {
        List<ConfigError> errors = errorsOf(BASE + """
                decisions:
                  - name: a
                    model_refs: [{model: qwen}]
                    plugins:
                      - {type: pii, action: flag, restore: sometimes, min_confidence: 2}
                """);
        assertThat(errors).extracting(ConfigError::path).containsExactlyInAnyOrder(
                "decisions[0].plugins[0].action", "decisions[0].plugins[0].restore",
                "decisions[0].plugins[0].min_confidence");
    }

    @Test
    void unknownKeysGetADidYouMean() {
        ConfigError typo = onlyErrorOf(BASE + """
                decisions:
                  - name: a
                    model_refs: [{model: qwen}]
                    plugins: [{type: jailbreak, treshold: 0.5}]
                """);
        assertThat(typo.path()).isEqualTo("decisions[0].plugins[0].treshold");
        assertThat(typo.hint()).contains("threshold");
        // a guard's own key on the other guard's plugin is unknown there too
        assertThat(onlyErrorOf(BASE + """
                decisions:
                  - name: a
                    model_refs: [{model: qwen}]
                    plugins: [{type: pii, response: error}]
                """).path()).isEqualTo("decisions[0].plugins[0].response");
        ConfigError type = onlyErrorOf(BASE + """
                decisions:
                  - name: a
                    model_refs: [{model: qwen}]
                    plugins: [{type: jailbrake}]
                """);
        assertThat(type.hint()).contains("jailbreak");
    }

    @Test
    void badGlobalScanSettingsAreReported() {
        assertThat(errorsOf(BASE + "guards: {jailbreak: {scan: everything, scan_limit: -1, threshold: 1}}\n"))
                .extracting(ConfigError::path).containsExactlyInAnyOrder("guards.jailbreak.scan",
                        "guards.jailbreak.scan_limit", "guards.jailbreak.threshold");
        assertThat(onlyErrorOf(BASE + "guards: {jailbreak: {scan_limit: 65}}\n").path())
                .isEqualTo("guards.jailbreak.scan_limit");
        assertThat(onlyErrorOf(BASE + "decisions: [{name: a, model_refs: [{model: qwen}], plugins: "
                + "[{type: jailbreak, scan: latest}]}]\n").path()).isEqualTo("decisions[0].plugins[0].scan");
    }
}
