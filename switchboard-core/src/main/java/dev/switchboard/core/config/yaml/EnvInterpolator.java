package dev.switchboard.core.config.yaml;

import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in a string value with environment variables, shell style:
 * the default applies when the variable is unset or empty, and <code>$${</code> writes a literal <code>${</code>.
 * Substitution happens per value rather than on the raw file so that a missing variable can be reported with the
 * YAML path that used it, and so that a value can never inject YAML structure.
 */
final class EnvInterpolator {

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Receives each problem found; the interpolation carries on so that every problem is reported. */
    interface Problems {
        void report(String message, String hint);
    }

    private EnvInterpolator() {}

    static boolean hasPlaceholder(String text) {
        return text.contains("${");
    }

    static String interpolate(String text, Function<String, String> env, Problems problems) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                i = substitute(text, i, env, problems, out);
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    /** Substitutes the placeholder starting at {@code start}; returns the index just after it. */
    private static int substitute(String text, int start, Function<String, String> env, Problems problems,
                                  StringBuilder out) {
        int end = text.indexOf('}', start);
        if (end < 0) {
            problems.report("unterminated `${` in `" + text + "`", "close it: ${VAR} or ${VAR:-default}; "
                    + "write $${ for a literal ${");
            return text.length();
        }
        String body = text.substring(start + 2, end);
        int separator = body.indexOf(":-");
        String name = separator < 0 ? body : body.substring(0, separator);
        String fallback = separator < 0 ? null : body.substring(separator + 2);
        if (!VARIABLE_NAME.matcher(name).matches()) {
            problems.report("`${" + body + "}` is not a valid placeholder",
                    "use ${VAR} or ${VAR:-default} with VAR made of letters, digits and _");
            return end + 1;
        }
        out.append(resolve(name, fallback, env, problems));
        return end + 1;
    }

    private static String resolve(String name, String fallback, Function<String, String> env, Problems problems) {
        String value = env.apply(name);
        if (fallback != null) {
            return value == null || value.isEmpty() ? fallback : value;
        }
        if (value == null) {
            problems.report("environment variable `" + name + "` is not set",
                    "set it, or give a default: ${" + name + ":-value}");
            return "";
        }
        return value;
    }
}
