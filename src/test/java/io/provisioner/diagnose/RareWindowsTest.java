package io.provisioner.diagnose;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The windows chosen for the filters are those the reference text rarely holds. */
class RareWindowsTest {

    private static List<byte[]> text(String line, int times) {
        return List.of((line + "\n").repeat(times).getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aLiteralsCommonFirstWordIsLeftOut() {
        // the literal's 8-byte windows at 0-2 ("/opt/sta" ...) and 5-6 ("stack.sh", "tack.sh ") are common; from 7 on
        // none is (it may take 4 from any offset up to 9)
        List<byte[]> reference = text("+ cd /opt/stack/nova && stack.sh is here", 500);
        Map<String, Integer> chosen = RareWindows.choose(List.of("/opt/stack.sh failed", "devstack@", "curl: ("),
                reference);
        assertThat(ByteLiterals.firstWindowMax("/opt/stack.sh failed".length())).isEqualTo(9);
        assertThat(chosen.get("/opt/stack.sh failed")).isBetween(7, 9);
        // short: "devstack@" 's windows 0-3 (dev, evs, vst, sta) or up to 3-6 (sta, tac, ack, ck@): "dev" and "evs"
        // never occur in the reference, "tac" and "ack" do, 500 times each
        assertThat(chosen.get("devstack@")).isZero();
    }

    @Test
    void everyLiteralWithAChoiceGetsAnAllowedOneWhateverTheOrder() {
        List<String> literals = RuleBook.builtin().relevanceLiterals;
        List<byte[]> reference = text("2024-01-01 12:00:00.000 | + /opt/stack/devstack/functions-common:git_clone:1 "
                + "git clone https://opendev.org/openstack/nova.git /opt/stack/nova", 200);
        Map<String, Integer> chosen = RareWindows.choose(literals, reference);
        List<String> reversed = new java.util.ArrayList<>(literals);
        java.util.Collections.reverse(reversed);
        assertThat(chosen).as("whatever the literals' order").isNotEmpty()
                .isEqualTo(RareWindows.choose(reversed, reference));
        for (Map.Entry<String, Integer> e : chosen.entrySet()) {
            int length = e.getKey().length();
            assertThat(e.getValue()).as(e.getKey()).isBetween(ByteLiterals.firstWindowMin(length),
                    ByteLiterals.firstWindowMax(length));
        }
        // literals without a choice (5 bytes, 6 in the short filter, 11 in the long one) are not listed
        assertThat(chosen.keySet()).allMatch(l -> ByteLiterals.firstWindowMax(l.length())
                > ByteLiterals.firstWindowMin(l.length()));
        assertThat(literals).contains("Ran: ");
        assertThat(chosen).doesNotContainKey("Ran: ");
    }
}
