package dev.switchboard.inference.routing;

/**
 * One operating point of a router on replayed outcomes.
 *
 * @param cost     mean cost per prompt, as a fraction of the best single model's mean cost
 * @param accuracy mean score per prompt
 * @param setting  what produced the point (e.g. {@code λ=0.05}, a model name)
 */
public record CurvePoint(double cost, double accuracy, String setting) {}
