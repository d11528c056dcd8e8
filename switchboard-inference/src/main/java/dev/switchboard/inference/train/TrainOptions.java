package dev.switchboard.inference.train;

/**
 * Hyper-parameters of {@link SoftmaxTrainer}.
 *
 * @param hidden        hidden units; 0 trains plain softmax regression
 * @param epochs        passes over the data
 * @param learningRate  Adam step size at the start; it decays linearly to zero
 * @param l2            weight decay applied to weights (not biases)
 * @param batchSize     examples per Adam step
 * @param seed          drives initialization and shuffling, so training is reproducible
 * @param balanceClasses weight each class's loss inversely to its frequency
 * @param lexicalBuckets lexical feature buckets appended to the embedding (0 = embedding only)
 */
public record TrainOptions(int hidden, int epochs, float learningRate, float l2, int batchSize, long seed,
                           boolean balanceClasses, int lexicalBuckets) {

    /** The settings of the shipped head (docs/accuracy.md). */
    public static TrainOptions defaults() {
        return new TrainOptions(0, 20, 0.01f, 0.1f, 32, 42, true, 8192);
    }

    public TrainOptions withHidden(int units) {
        return new TrainOptions(units, epochs, learningRate, l2, batchSize, seed, balanceClasses, lexicalBuckets);
    }

    public TrainOptions withEpochs(int count) {
        return new TrainOptions(hidden, count, learningRate, l2, batchSize, seed, balanceClasses, lexicalBuckets);
    }

    public TrainOptions withL2(float decay) {
        return new TrainOptions(hidden, epochs, learningRate, decay, batchSize, seed, balanceClasses, lexicalBuckets);
    }

    public TrainOptions withLearningRate(float rate) {
        return new TrainOptions(hidden, epochs, rate, l2, batchSize, seed, balanceClasses, lexicalBuckets);
    }

    public TrainOptions withLexicalBuckets(int buckets) {
        return new TrainOptions(hidden, epochs, learningRate, l2, batchSize, seed, balanceClasses, buckets);
    }

    public TrainOptions withBalancedClasses(boolean balance) {
        return new TrainOptions(hidden, epochs, learningRate, l2, batchSize, seed, balance, lexicalBuckets);
    }

    public TrainOptions withSeed(long newSeed) {
        return new TrainOptions(hidden, epochs, learningRate, l2, batchSize, newSeed, balanceClasses, lexicalBuckets);
    }
}
