package dev.switchboard.cli;

import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.server.dashboard.ConfigSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code switchboard demo}: the router on its embedded demo config, in front of built-in echo models that answer
 * with how each request was routed, with the dashboard on. Nothing to install, no tokens spent.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the router on embedded defaults with built-in echo models (no LLM needed).")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8801", description = "Port to listen on (default: ${DEFAULT-VALUE})")
    int port;

    @Override
    public Integer call() throws Exception {
        SwitchboardConfig config = Configs.withPort(Configs.demo(), port);
        RouterProcess router = RouterProcess.start(config);
        router.configSource(ConfigSource.text(Configs.demoYaml(), c -> Configs.withPort(c, port)));
        String base = "http://localhost:" + router.port();
        String admin = "http://localhost:" + router.adminPort();
        System.out.println("""

                Switchboard demo is up.
                  Dashboard: %2$s/dashboard/  (live traffic, models, cache, config, playground)
                Try:
                  curl -s %1$s/v1/chat/completions -H 'content-type: application/json' \\
                    -d '{"model":"auto","messages":[{"role":"user","content":"What is the integral of x^2?"}]}'
                  curl -s %1$s/v1/models
                  curl -s %2$s/metrics | grep llm_
                Any OpenAI client works: base URL %1$s/v1, any API key, model "auto".
                The demo listens on 127.0.0.1 only and has no API keys; see "Securing Switchboard" in the README.
                """.formatted(base, admin));
        router.awaitShutdown();
        return 0;
    }
}
