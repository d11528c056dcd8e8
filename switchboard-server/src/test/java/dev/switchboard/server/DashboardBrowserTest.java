package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.cache.InMemoryCacheStore;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.config.yaml.ConfigLoader;
import dev.switchboard.core.pipeline.RouterPipeline;
import dev.switchboard.core.plugin.cache.ResponseCache;
import dev.switchboard.server.dashboard.ConfigSource;
import dev.switchboard.testing.TestUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium, in one browser session, while a background client sends traffic
 * through the router to test upstreams: every page loads without console errors, numbers and charts move, live rows
 * name decision and model, a bad config edit shows its error and changes nothing, a good one applies and routes the
 * next request, a cache partition clears. Each page is saved as a PNG under target/dashboard-screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    private static final Path SHOTS = Path.of("target", "dashboard-screenshots");
    private static final String CLIENT_KEY = "sk-web-app-0123456789";
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final List<String> PROMPTS = List.of("What is the integral of x^2?", "hello there",
            "urgent: summarise this", "Tell me a story about a lighthouse", "solve this equation: 2x = 4");

    private static TestUpstream fast;
    private static TestUpstream smart;
    private static TestUpstream backup;
    private static SwitchboardServer router;
    private static ChromeDriver browser;
    private static ScheduledExecutorService traffic;
    private static int sent;

    @BeforeAll
    static void start() throws Exception {
        fast = TestUpstream.start("fast");
        smart = TestUpstream.start("smart");
        backup = TestUpstream.start("backup");
        String yaml = yaml();
        InMemoryCacheStore store = InMemoryCacheStore.builder(TinyEncoder.DIMENSION).build();
        router = SwitchboardServer.start(ConfigLoader.parse(yaml, "dashboard.yaml"), config -> new RouterPipeline(
                config, List.of(), new TinyEncoder(), new ResponseCache(store, Clock.systemUTC(), null, false)));
        router.configSource(ConfigSource.text(yaml, UnaryOperator.identity()));
        Files.createDirectories(SHOTS);
        browser = Chromium.start();
        traffic = Executors.newSingleThreadScheduledExecutor();
        traffic.scheduleWithFixedDelay(DashboardBrowserTest::sendSome, 0, 100, TimeUnit.MILLISECONDS);
    }

    @AfterAll
    static void stop() {
        if (traffic != null) {
            traffic.shutdownNow();
        }
        if (browser != null) {
            browser.quit();
        }
        router.close();
        fast.close();
        smart.close();
        backup.close();
    }

    private static String yaml() {
        return """
                server: {host: 127.0.0.1, port: 0}
                auth:
                  keys: [{name: web-app, key: %s}]
                routing: {default_model: backup}
                upstream: {retry: {max_attempts: 1}}
                models:
                  - name: fast
                    pricing: {input_per_1m: 0.2, output_per_1m: 0.4}
                    endpoints: [{url: "%s"}]
                  - name: smart
                    pricing: {input_per_1m: 3.0, output_per_1m: 15.0}
                    endpoints: [{url: "%s"}]
                  - name: backup
                    pricing: {input_per_1m: 1.0, output_per_1m: 2.0}
                    endpoints: [{url: "%s"}]
                signals:
                  keywords:
                    - {name: math, keywords: [integral, derivative, equation]}
                    - {name: hello, keywords: [hello]}
                    - {name: urgent, keywords: [urgent]}
                cache: {enabled: true, mode: exact, verifier: false}
                decisions:
                  - name: math
                    priority: 10
                    rules: {type: keyword, name: math}
                    model_refs: [{model: smart}, {model: fast}]
                  - name: quick
                    priority: 5
                    rules: {type: keyword, name: urgent}
                    model_refs: [{model: fast}, {model: smart}]
                  - name: greeting
                    priority: 1
                    rules: {type: keyword, name: hello}
                    model_refs: [{model: fast}]
                    plugins: [{type: fast_response, message: "Hi! Ask me anything."}]
                """.formatted(CLIENT_KEY, fast.baseUrl(), smart.baseUrl(), backup.baseUrl());
    }

    private static void sendSome() {
        try {
            sent++;
            String prompt = PROMPTS.get(sent % PROMPTS.size());
            // math skips the cache, whose math partition the cache test clears; the rest repeats (hits) or not
            String text = sent % 2 == 0 ? prompt : prompt + " #" + sent;
            chat(text, prompt.contains("equation") || prompt.contains("integral") ? "no-cache" : null,
                    sent % 3 == 0); // a third streams: time to first token
        } catch (Exception e) {
            // the router is stopping; the test itself checks what it needs
        }
    }

    private static HttpResponse<String> chat(String text, String cacheControl) throws Exception {
        return chat(text, cacheControl, false);
    }

    private static HttpResponse<String> chat(String text, String cacheControl, boolean stream) throws Exception {
        String body = "{\"model\":\"auto\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"" + text + "\"}]}";
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + router.port()
                + "/v1/chat/completions")).header("content-type", "application/json")
                .header("authorization", "Bearer " + CLIENT_KEY).POST(HttpRequest.BodyPublishers.ofString(body));
        if (cacheControl != null) {
            req.header("x-vsr-cache-control", cacheControl);
        }
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void open(String page) {
        browser.get("http://127.0.0.1:" + router.adminPort() + "/dashboard/#/" + page);
        browser.navigate().refresh(); // a new hash alone would keep the page's state from the last test
        waitFor(() -> browser.findElement(By.id("page-title")).isDisplayed());
    }

    private static void waitFor(java.util.function.Supplier<Boolean> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(RuntimeException.class)
                .until(d -> condition.get());
    }

    private static void shoot(String name) throws Exception {
        Files.write(SHOTS.resolve("dashboard-" + name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    private static String metric(String id) {
        return browser.findElement(By.cssSelector("[data-metric='" + id + "'] .value")).getText();
    }

    /** Every test ends with a console free of errors (a failed module import or fetch shows up here). */
    @AfterEach
    void noConsoleErrors() {
        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()).toList();
        assertThat(errors).as("browser console errors").isEmpty();
    }

    @Test
    @Order(0)
    void theAdminListenerServesEveryPartAndTheApiPortWithoutATokenNone() throws Exception {
        for (String path : AdminAccessTest.DASHBOARD_PATHS) {
            assertThat(AdminAccessTest.get(router.adminPort(), path).statusCode()).as(path).isEqualTo(200);
            assertThat(AdminAccessTest.get(router.port(), path).statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    @Order(1)
    void overviewNumbersAndChartsMoveWithTraffic() throws Exception {
        open("overview");
        waitFor(() -> !metric("requests").equals("0") && !metric("requests").equals("–"));
        String requests = metric("requests");
        String chart = chartPixels("traffic");
        waitFor(() -> !metric("requests").equals(requests) && !chartPixels("traffic").equals(chart));
        assertThat(browser.findElement(By.id("live-status")).getText()).isEqualTo("live");
        waitFor(() -> !metric("cost").equals("$0.00") && !metric("cost").equals("–"));
    }

    @Test
    @Order(7)
    void screenshotsOfTheOverviewOnceTrafficHasFlowedAWhile() throws Exception {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1440, 1320)); // every chart in view
        open("overview");
        waitFor(() -> !metric("tokens").equals("0") && !metric("tokens").equals("–"));
        shoot("overview");
        browser.findElement(By.id("theme-toggle")).click();
        String theme = (String) browser.executeScript("return document.documentElement.dataset.theme");
        waitFor(() -> browser.findElement(By.id("theme-toggle")).getText().startsWith(
                theme.equals("dark") ? "Light" : "Dark"));
        shoot("overview-" + theme);
        browser.findElement(By.id("theme-toggle")).click();
        int lastTenMinutes = Integer.parseInt(metric("requests"));
        browser.findElement(By.cssSelector("[data-range='1h']")).click(); // per minute, from the history API
        waitFor(() -> browser.findElement(By.cssSelector("[data-range='1h']")).getAttribute("aria-pressed")
                .equals("true") && Integer.parseInt(metric("requests")) >= lastTenMinutes);
    }

    private static String chartPixels(String id) {
        return (String) browser.executeScript("return document.querySelector(\"[data-chart='" + id
                + "'] canvas\").toDataURL()");
    }

    @Test
    @Order(2)
    void aLiveRowNamesDecisionAndModel() throws Exception {
        open("live");
        waitFor(() -> !browser.findElements(By.xpath("//table[@id='live-table']//tr[td[@data-col='decision']"
                + "[text()='math'] and td[@data-col='model'][starts-with(text(), 'smart')]]")).isEmpty());
        shoot("live");
        open("models");
        waitFor(() -> !browser.findElements(By.cssSelector("#models-table tr[data-name='smart']")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("#decisions-table tr[data-name='math']")).getText())
                .contains("math");
        shoot("models");
    }

    @Test
    @Order(3)
    void clearingACachePartitionRemovesItsEntries() throws Exception {
        assertThat(chat("What is the derivative of x^3?", null).statusCode()).isEqualTo(200); // stored
        waitFor(() -> uncheckedGet("/admin/cache").contains("math/smart/"));
        assertThat(chat("What is the derivative of x^3?", null).headers().firstValue("x-vsr-cache-hit"))
                .hasValue("true");
        open("cache");
        By row = By.cssSelector("#cache-table tr[data-partition*='math/smart/']");
        waitFor(() -> !browser.findElements(row).isEmpty());
        shoot("cache");
        browser.findElement(row).findElement(By.tagName("button")).click();
        WebElement confirm = browser.findElement(By.id("confirm-clear-yes"));
        waitFor(confirm::isDisplayed);
        confirm.click();
        waitFor(() -> browser.findElement(By.cssSelector("p.notice")).getText()
                .matches("Cleared .*math/smart/.*: 1 entries removed\\."));
        waitFor(() -> browser.findElements(row).isEmpty());
        assertThat(get("/admin/cache")).doesNotContain("math/smart/");
    }

    @Test
    @Order(4)
    void aBadEditShowsItsErrorAndChangesNothing() throws Exception {
        open("config");
        SwitchboardConfig before = router.config();
        edit(text -> text.replace("priority: 10", "priority: ten"));
        waitFor(() -> browser.findElement(By.id("config-errors")).getText().contains("decisions[0].priority"));
        WebElement line = browser.findElement(By.cssSelector("#config-errors button[data-line]"));
        line.click(); // selects the offending line in the editor
        assertThat(browser.executeScript("const el = document.getElementById('config-editor');"
                + "return el.value.substring(el.selectionStart, el.selectionEnd)")).isEqualTo("    priority: ten");
        assertThat(browser.findElement(By.id("config-apply")).isEnabled()).isFalse();
        assertThat(browser.findElement(By.id("config-diff")).getText()).containsPattern("\\+ +priority: ten");
        shoot("config-error");
        assertThat(router.config()).isSameAs(before);
    }

    @Test
    @Order(5)
    void aValidEditAppliesAndTheNextRequestFollowsIt() throws Exception {
        open("config");
        edit(text -> text.replace("keywords: [integral, derivative, equation]",
                "keywords: [integral, derivative, equation, calculus]"));
        waitFor(() -> browser.findElement(By.id("config-valid")).isDisplayed());
        browser.findElement(By.id("config-apply")).click();
        waitFor(() -> browser.findElement(By.id("config-notice")).getText().startsWith("Applied"));
        waitFor(() -> browser.findElement(By.id("audit-table")).getText().contains("applied"));
        shoot("config");
        HttpResponse<String> next = chat("a calculus question", "no-cache");
        assertThat(next.headers().firstValue("x-vsr-selected-decision")).hasValue("math");
        assertThat(next.headers().firstValue("x-vsr-selected-model")).hasValue("smart");
    }

    private static void edit(UnaryOperator<String> change) {
        waitFor(() -> browser.findElement(By.id("config-editor")).getAttribute("value").contains("decisions:"));
        WebElement editor = browser.findElement(By.id("config-editor"));
        String text = change.apply(editor.getAttribute("value"));
        browser.executeScript("const el = arguments[0]; el.value = arguments[1];"
                + "el.dispatchEvent(new Event('input', {bubbles: true}));", editor, text);
        editor.sendKeys(" "); // and a real keystroke, as a user types (trailing space: still valid YAML)
    }

    @Test
    @Order(6)
    void thePlaygroundExplainsAPrompt() throws Exception {
        open("playground");
        WebElement prompt = browser.findElement(By.id("prompt"));
        prompt.clear();
        prompt.sendKeys("What is the derivative of sin(x)?");
        browser.findElement(By.id("explain")).click();
        waitFor(() -> browser.findElement(By.cssSelector("[data-field='decision']")).getText().equals("math"));
        assertThat(browser.findElement(By.cssSelector("[data-field='model']")).getText()).isEqualTo("smart");
        shoot("playground");
    }

    private static String uncheckedGet(String path) {
        try {
            return get(path);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + router.adminPort() + path)).GET()
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
