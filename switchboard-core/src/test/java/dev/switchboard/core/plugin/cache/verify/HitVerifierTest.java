package dev.switchboard.core.plugin.cache.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The shipped verifier's weight file. */
class HitVerifierTest {

    @Test
    void theBundledVerifierReadsTheFeaturesThisBuildComputes() {
        HitVerifier verifier = HitVerifier.bundled();
        assertThat(verifier.cut()).isBetween(0.0, 1.0);
        assertThat(verifier.candidateSimilarity()).isEqualTo(0.80);
        float[] same = new float[PairFeatures.NAMES.size()];
        assertThat(verifier.score(same)).isBetween(0.0, 1.0);
    }

    @Test
    void weightsForOtherFeaturesAreRefused() throws Exception {
        var json = new ObjectMapper().readTree("{\"format\":\"switchboard-cache-verifier/1\","
                + "\"feature_names\":[\"cosine\"],\"mean\":[0],\"scale\":[1],\"layers\":[]}");
        assertThatThrownBy(() -> HitVerifier.read(json)).hasMessageContaining("trained on features");
    }
}
