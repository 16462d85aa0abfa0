package io.provisioner.diagnose;

import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class LiteralExtractorTest {
    @Test
    void takesLongestRequiredRun() {
        assertThat(LiteralExtractor.literals("ERROR 1045 \\(28000\\): Access denied for user '(?<u>[^']*)'"))
                .containsExactly("ERROR 1045 (28000): Access denied for user '");
    }

    @Test
    void dropsOptionalAtomsAndStopsAtGroups() {
        assertThat(LiteralExtractor.literals("Kill(?:ed)? process (?<pid>\\d+)")).containsExactly(" process ");
        assertThat(LiteralExtractor.literals("abcs?defg")).containsExactly("defg");
        assertThat(LiteralExtractor.literals("xy+zzzz")).containsExactly("zzzz");
    }

    @Test
    void readsThroughAGroupThatMatchesExactlyOnce() {
        assertThat(LiteralExtractor.literals("git clone (?<url>git://\\S+)")).containsExactly("git clone git://");
        assertThat(LiteralExtractor.literals("Failed (?:to start) unit")).containsExactly("Failed to start unit");
        assertThat(LiteralExtractor.literals("ab(cde)fg")).containsExactly("abcdefg");
        // a group that may repeat, be skipped or branch is no literal text
        assertThat(LiteralExtractor.literals("abcd(efgh)+ij")).containsExactly("abcd");
        assertThat(LiteralExtractor.literals("abcd(efgh)?ij")).containsExactly("abcd");
        assertThat(LiteralExtractor.literals("abcd(?:e|f)ghi")).containsExactly("abcd");
        assertThat(LiteralExtractor.literals("(?<=abc)defg")).containsExactly("defg");
    }

    @Test
    void oneLiteralPerTopLevelBranchOrNone() {
        assertThat(LiteralExtractor.literals("foo bar|baz qux")).containsExactly("foo bar", "baz qux");
        assertThat(LiteralExtractor.literals("foo bar|\\d+")).isEmpty();
        assertThat(LiteralExtractor.literals("(?i)no space")).isEmpty();
    }

    @Test
    void everyLiteralReallyOccursInMatches() {
        String[][] cases = {
                {"Could not get lock (?<lock>/\\S+?)\\.?(?: |$)", "E: Could not get lock /var/lib/dpkg/lock - open"},
                {"curl: \\((?<code>\\d+)\\) (?<reason>.+)", "curl: (28) Failed"},
                {"make_sock: could not bind to address (?<a>\\S+)", "AH00072: make_sock: could not bind to address [::]:80"},
                {"git clone (?<url>git://\\S+)", "+ git clone git://git.openstack.org/openstack/nova.git /opt/stack/nova"},
                {"Failed (?:to start) (?<unit>\\S+)", "Failed to start devstack@n-api.service"}};
        for (String[] c : cases) {
            assertThat(Pattern.compile(c[0]).matcher(c[1]).find()).isTrue();
            assertThat(LiteralExtractor.literals(c[0])).allMatch(c[1]::contains);
        }
    }
}
