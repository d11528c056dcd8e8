package dev.switchboard.inference.routing;

import java.util.List;
import java.util.Locale;

/** Draws accuracy against cost for each router as a small self-contained SVG (no scripts, no external fonts). */
final class CurveSvg {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 480;
    private static final int LEFT = 60;
    private static final int BOTTOM = 50;
    private static final int TOP = 20;
    private static final int RIGHT = 200;
    private static final String[] COLOURS = {"#d62728", "#1f77b4", "#2ca02c", "#7f7f7f", "#9467bd", "#8c564b"};

    private CurveSvg() {}

    static String draw(List<RouterResult> results, double targetAccuracy) {
        double maxCost = Math.max(1, results.stream().flatMap(r -> r.curve().stream())
                .mapToDouble(CurvePoint::cost).max().orElse(1));
        double maxAcc = Math.min(1, results.stream().mapToDouble(RouterResult::bestAccuracy).max().orElse(1) + 0.05);
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                + "width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        axes(svg, maxCost, maxAcc);
        double y = y(targetAccuracy, maxAcc);
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#999\" "
                + "stroke-dasharray=\"4 3\"/>%n", LEFT, y, WIDTH - RIGHT, y));
        int legend = 0;
        for (RouterResult r : results) {
            if (r.curve().size() == 1) {
                CurvePoint p = r.curve().get(0);
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#444\">"
                        + "<title>%s</title></circle>%n", x(p.cost(), maxCost), y(p.accuracy(), maxAcc), esc(r.name())));
                continue;
            }
            String colour = COLOURS[legend % COLOURS.length];
            svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour).append("\" points=\"");
            r.curve().stream().sorted(java.util.Comparator.comparingDouble(CurvePoint::cost)).forEach(p -> svg.append(
                    String.format(Locale.ROOT, "%.1f,%.1f ", x(p.cost(), maxCost), y(p.accuracy(), maxAcc))));
            svg.append("\"/>\n");
            int ly = TOP + 10 + 18 * legend++;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"2\"/><text x=\"%d\" y=\"%d\">%s</text>%n", WIDTH - RIGHT + 15, ly,
                    WIDTH - RIGHT + 35, ly, colour, WIDTH - RIGHT + 40, ly + 4, esc(r.name())));
        }
        int ly = TOP + 10 + 18 * legend;
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"3\" fill=\"#444\"/><text x=\"%d\" "
                + "y=\"%d\">single models</text>%n", WIDTH - RIGHT + 25, ly, WIDTH - RIGHT + 40, ly + 4));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">--- 95%% of best model</text>%n",
                WIDTH - RIGHT + 15, ly + 22));
        return svg.append("</svg>\n").toString();
    }

    private static void axes(StringBuilder svg, double maxCost, double maxAcc) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n"
                + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", LEFT, HEIGHT - BOTTOM,
                WIDTH - RIGHT, HEIGHT - BOTTOM, LEFT, TOP, LEFT, HEIGHT - BOTTOM));
        for (int i = 0; i <= 5; i++) {
            double c = maxCost * i / 5;
            double a = maxAcc * i / 5;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.2f</text>%n"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.2f</text>%n", x(c, maxCost), HEIGHT - BOTTOM
                    + 16, c, LEFT - 6, y(a, maxAcc) + 4, a));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">cost (fraction of the "
                + "best single model's)</text>%n<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" "
                + "text-anchor=\"middle\">accuracy</text>%n", (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 12,
                (TOP + HEIGHT - BOTTOM) / 2, (TOP + HEIGHT - BOTTOM) / 2));
    }

    private static double x(double cost, double maxCost) {
        return LEFT + (WIDTH - LEFT - RIGHT) * cost / maxCost;
    }

    private static double y(double accuracy, double maxAcc) {
        return HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * accuracy / maxAcc;
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
