package io.provisioner.service.run;

import io.provisioner.spec.SpecProblem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SubmittedSpecTest {
    @Test
    void literalPasswordsAreFoundAtTheirLineAndColumnWhileReferencesPass() {
        String spec = """
                version: 1
                defaults:
                  passwords: {admin: env:PV_ADMIN, database: file:/etc/pv/db, rabbit: rabbit1, service: env:PV_SVC}
                hosts:
                  - name: ctl
                    address: 10.0.0.1
                    role: controller
                    passwords:
                      admin: hunter2
                """;
        List<SpecProblem> problems = SubmittedSpec.literalSecrets(spec);
        assertThat(problems).extracting(SpecProblem::line, SpecProblem::column).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, 71), org.assertj.core.groups.Tuple.tuple(9, 14));
        assertThat(problems.get(0).message()).startsWith("password 'rabbit' is written literally");
        assertThat(problems.get(1).toString()).startsWith("spec:9:14: password 'admin'");
        assertThat(problems).noneMatch(p -> p.message().contains("hunter2") || p.message().contains("rabbit1"));
    }

    @Test
    void aProxyUrlWithAPasswordIsRefusedButOneWithoutIsNot() {
        String spec = """
                defaults:
                  proxy: {http: "http://user:pw@proxy:3128", https: "http://proxy:3128"}
                """;
        List<SpecProblem> problems = SubmittedSpec.literalSecrets(spec);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).line()).isEqualTo(2);
        assertThat(problems.get(0).message()).startsWith("'http' holds a URL with a password");
    }
}
