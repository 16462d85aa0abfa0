package io.provisioner.service.run;

import io.provisioner.service.http.ApiError;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunRequestJsonTest {
    private static RunRequest parse(String json) {
        return RunRequestJson.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFullRequestIsReadAndStoredWithoutItsSpec() {
        RunRequest r = parse("{\"spec\": \"version: 1\", \"hosts\": [\"ctl\"], \"sandbox\": {\"faults\": [\"apt-lock\"],"
                + " \"era\": \"2016\", \"hosts\": 2}, \"retries\": 3}");
        assertThat(r).isEqualTo(new RunRequest("version: 1", List.of("ctl"), new SandboxRequest(Set.of("apt-lock"), "2016", 2), 3));
        String stored = RunRequestJson.toJson(r, false);
        assertThat(stored).doesNotContain("version: 1");
        assertThat(RunRequestJson.fromStored(stored, "version: 1")).isEqualTo(r);
        assertThat(RunRequestJson.storedWithInlineSecrets(stored)).isFalse();
        assertThat(RunRequestJson.storedWithInlineSecrets(RunRequestJson.toJson(r, true))).isTrue();
    }

    @Test
    void aSandboxRunMayOmitTheSpecAndDefaultsToTheSeedFaults() {
        RunRequest r = parse("{\"sandbox\": {}}");
        assertThat(r.specText()).isNull();
        assertThat(r.sandbox()).isEqualTo(new SandboxRequest(Set.of("seed"), "current", 1));
    }

    @Test
    void badBodiesAre400sNamingWhatIsWrong() {
        assertThatThrownBy(() -> parse("{\"spec\": \"x\",\n \"hosts\": [}")).isInstanceOf(ApiError.class)
                .hasMessageStartingWith("the request body is not valid JSON at line 2, column")
                .extracting(e -> ((ApiError) e).status()).isEqualTo(400);
        assertThatThrownBy(() -> parse("{\"spec\": \"x\", \"speck\": 1}"))
                .hasMessage("unknown field 'speck'; allowed: hosts, retries, sandbox, spec");
        assertThatThrownBy(() -> parse("{\"sandbox\": {\"fault\": \"seed\"}}"))
                .hasMessageStartingWith("unknown field 'sandbox.fault'");
        assertThatThrownBy(() -> parse("{\"hosts\": [\"a\"]}")).hasMessageStartingWith("field 'spec' is missing");
        assertThatThrownBy(() -> parse("[1]")).hasMessageStartingWith("the request body must be a JSON object");
        assertThatThrownBy(() -> parse("{\"spec\": \"x\", \"retries\": -1}")).hasMessageStartingWith("field 'retries'");
        assertThatThrownBy(() -> parse("")).hasMessageStartingWith("the request body is empty");
    }
}
