package dev.switchboard.core.plugin.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.config.CacheSettings;
import org.junit.jupiter.api.Test;

class CacheKeysTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String partition(String json) throws Exception {
        return CacheKeys.partition("math", "qwen", (ObjectNode) JSON.readTree(json));
    }

    @Test
    void latestUserMessageAndDeliveryFieldsDoNotSplitPartitions() throws Exception {
        String a = partition("{\"model\":\"auto\",\"stream\":true,\"temperature\":0.2,"
                + "\"messages\":[{\"role\":\"system\",\"content\":\"S\"},{\"role\":\"user\",\"content\":\"one\"}]}");
        String b = partition("{\"messages\":[{\"role\":\"system\",\"content\":\"S\"},"
                + "{\"role\":\"user\",\"content\":\"two\"}],\"temperature\":0.2,\"model\":\"MoM\"}");
        assertThat(a).isEqualTo(b).startsWith("math/qwen/");
    }

    @Test
    void contextThatChangesTheAnswerSplitsPartitions() throws Exception {
        String base = partition("{\"messages\":[{\"role\":\"system\",\"content\":\"S\"},"
                + "{\"role\":\"user\",\"content\":\"q\"}]}");
        assertThat(partition("{\"messages\":[{\"role\":\"system\",\"content\":\"T\"},"
                + "{\"role\":\"user\",\"content\":\"q\"}]}")).isNotEqualTo(base);
        assertThat(partition("{\"temperature\":1.5,\"messages\":[{\"role\":\"system\",\"content\":\"S\"},"
                + "{\"role\":\"user\",\"content\":\"q\"}]}")).isNotEqualTo(base);
        assertThat(partition("{\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],"
                + "\"messages\":[{\"role\":\"system\",\"content\":\"S\"},{\"role\":\"user\",\"content\":\"q\"}]}"))
                .isNotEqualTo(base);
        assertThat(partition("{\"messages\":[{\"role\":\"system\",\"content\":\"S\"},{\"role\":\"user\",\"content\":"
                + "\"earlier\"},{\"role\":\"assistant\",\"content\":\"a\"},{\"role\":\"user\",\"content\":\"q\"}]}"))
                .isNotEqualTo(base);
        assertThat(CacheKeys.partition("code", "qwen", (ObjectNode) JSON.readTree("{\"messages\":[{\"role\":"
                + "\"system\",\"content\":\"S\"},{\"role\":\"user\",\"content\":\"q\"}]}"))).isNotEqualTo(base);
    }

    @Test
    void tenantsAndUsersNeverShareAPartition() throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}");
        String acme = CacheKeys.partition(CacheKeys.scope(CacheSettings.PartitionBy.TENANT, "acme", "u1"), "d", "m",
                body);
        String globex = CacheKeys.partition(CacheKeys.scope(CacheSettings.PartitionBy.TENANT, "globex", "u1"), "d",
                "m", body);
        String anonymous = CacheKeys.partition(CacheKeys.scope(CacheSettings.PartitionBy.TENANT, null, "u1"), "d",
                "m", body);
        assertThat(acme).startsWith("tenant:acme/d/m/").isNotEqualTo(globex).isNotEqualTo(anonymous);
        // a tenant name cannot pose as another tenant's scope plus a path
        assertThat(CacheKeys.scope(CacheSettings.PartitionBy.TENANT, "acme/user:x", null))
                .isEqualTo("tenant:acme%2Fuser%3Ax/");
        String alice = CacheKeys.scope(CacheSettings.PartitionBy.USER, "acme", "alice@example.com");
        assertThat(alice).isNotEqualTo(CacheKeys.scope(CacheSettings.PartitionBy.USER, "acme", "bob"))
                .startsWith("tenant:acme/user:").doesNotContain("alice");
        assertThat(CacheKeys.scope(CacheSettings.PartitionBy.NONE, "acme", "alice")).isEmpty();
    }
}
