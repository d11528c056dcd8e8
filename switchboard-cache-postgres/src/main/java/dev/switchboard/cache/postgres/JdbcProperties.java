package dev.switchboard.cache.postgres;

import java.time.Duration;
import java.util.Properties;

/** The pgJDBC connection properties of every pool this module opens: credentials, timeouts, quiet errors. */
final class JdbcProperties {

    private JdbcProperties() {}

    /**
     * @param password        may be null (trust, peer or certificate authentication), as may {@code user}
     * @param applicationName shown in {@code pg_stat_activity}, to tell the router's pools apart
     */
    static Properties of(String user, String password, Duration connectTimeout, Duration socketTimeout,
                         String applicationName) {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", seconds(connectTimeout));
        properties.setProperty("loginTimeout", seconds(connectTimeout));
        properties.setProperty("socketTimeout", seconds(socketTimeout));
        properties.setProperty("tcpKeepAlive", "true");
        // Server error details can quote row values, i.e. prompt text; keep them out of exception messages.
        properties.setProperty("logServerErrorDetail", "false");
        properties.setProperty("ApplicationName", applicationName);
        return properties;
    }

    /** The driver counts these timeouts in whole seconds; round up so a short one is not switched off (0). */
    private static String seconds(Duration duration) {
        return Long.toString(Math.max(1, (duration.toMillis() + 999) / 1000));
    }
}
