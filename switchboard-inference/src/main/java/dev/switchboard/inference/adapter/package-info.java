/**
 * The trained heads as the core's interfaces: the domain head as a {@code TextClassifier}, the jailbreak head as a
 * {@code JailbreakScorer}, the entity head as a {@code PiiRecognizer}. Wiring (the CLI's pipeline factory) builds
 * these; core never sees ONNX Runtime.
 */
package dev.switchboard.inference.adapter;
