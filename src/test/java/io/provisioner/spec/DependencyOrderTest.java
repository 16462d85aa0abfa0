package io.provisioner.spec;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DependencyOrderTest {
    private static Map<String, List<String>> deps(Object... pairs) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (List<String>) pairs[i + 1]);
        }
        return m;
    }

    @Test
    void keepsWrittenOrderAndMovesDependenciesFirst() {
        assertThat(DependencyOrder.order(deps("LOGFILE", List.of("LOGDIR"), "X", List.of(), "LOGDIR", List.of("DEST"),
                "DEST", List.of()))).containsExactly("DEST", "LOGDIR", "LOGFILE", "X");
    }

    @Test
    void ignoresSelfReferencesAndOutsideNames() {
        assertThat(DependencyOrder.order(deps("PATH", List.of("PATH", "HOME")))).containsExactly("PATH");
    }

    @Test
    void namesTheCycle() {
        DependencyOrder.CycleException e = catchThrowableOfType(DependencyOrder.CycleException.class,
                () -> DependencyOrder.order(deps("A", List.of("B"), "B", List.of("C"), "C", List.of("A"), "D", List.of())));
        assertThat(e.names()).containsExactly("A", "B", "C", "A");
    }

    @Test
    void didYouMeanFindsCloseKeysOnly() {
        assertThat(DidYouMean.hint("adress", List.of("name", "address"))).isEqualTo("did you mean 'address'?");
        assertThat(DidYouMean.hint("zzzzzz", List.of("name", "address"))).isEqualTo("expected one of: name, address");
    }
}
