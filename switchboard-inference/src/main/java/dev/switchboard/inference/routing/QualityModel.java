package dev.switchboard.inference.routing;

/**
 * Predicts each model's score in [0, 1] from a prompt's L2-normalized embedding. Implementations are immutable.
 */
public sealed interface QualityModel permits KnnQuality, LinearQuality, BlendQuality, PrototypeQuality, FactorQuality {

    /** Predicted score per model, in the router's model order. */
    float[] predict(float[] embedding);

    /** A short description with the hyper-parameters, e.g. {@code knn(k=20)}. */
    String describe();
}
