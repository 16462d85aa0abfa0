package io.provisioner.diagnose;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The built-in rule book leaves its literal automata and structure regexes to {@link RuleBook#complete()}, so that a
 * scan's workers start on the relevance filters alone: a book used before that part is built gives the diagnosis
 * of a book built whole, whoever asks first.
 */
class RuleBookCompletionTest {

    private static final String LOG = """
            + ./stack.sh:main:100 echo start
            + lib/databases/mysql:configure_database_mysql:130 :   sudo mysql -uroot -h127.0.0.1 -e 'CREATE USER'
            ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: YES)
            + lib/databases/mysql:configure_database_mysql:1 :   exit_trap
            Error on exit
            """;

    private static Diagnosis whole() {
        RuleBook yaml = RuleBook.builtinYaml();
        assertThat(yaml.isComplete()).as("a YAML book is built whole at load").isTrue();
        return new Diagnoser(yaml).diagnose(new StringReader(LOG));
    }

    @Test
    void theBuiltinBookLeavesItsSecondPartForLater() {
        RuleBook book = RuleBook.builtin();
        assertThat(book.isComplete()).isFalse();
        assertThat(book.relevance).as("the scan's filters exist at once").isNotNull();
        assertThat(book.traceRelevance).isNotNull();
        book.complete();
        assertThat(book.isComplete()).isTrue();
        assertThat(book.structure()).hasSameSizeAs(RuleBook.builtinYaml().structure()).isNotEmpty();
    }

    @Test
    void aSessionMadeBeforeTheSecondPartDiagnosesAsTheWholeBook() {
        RuleBook book = RuleBook.builtin();
        DiagnosisSession session = new Diagnoser(book).newSession();
        assertThat(book.isComplete()).as("making a session needs only the first part").isFalse();
        for (String line : LOG.split("\n")) {
            session.accept(line); // the first line builds the second part on this thread
        }
        assertThat(book.isComplete()).isTrue();
        Diagnosis diagnosis = session.diagnosis();
        assertThat(diagnosis).isEqualTo(whole());
        assertThat(diagnosis.category()).isEqualTo("mysql-root-access-denied");
    }

    @Test
    void theScannerBuildsTheSecondPartBeforeItFeedsTheFirstLine() throws Exception {
        RuleBook book = RuleBook.builtin();
        DiagnosisSession session = new Diagnoser(book).newSession();
        List<String> seen = new ArrayList<>();
        LogScanner scanner = new LogScanner(session, book.relevance, book.traceRelevance, () -> {
            seen.add("meanwhile, lines fed: " + session.lines());
            book.complete();
        });
        scanner.scan(new ByteArrayInputStream(LOG.getBytes(StandardCharsets.UTF_8)));
        assertThat(seen).containsExactly("meanwhile, lines fed: 0");
        assertThat(session.diagnosis()).isEqualTo(whole());
    }

    @Test
    void threadsAskingAtOnceGetOneSecondPart() throws Exception {
        RuleBook book = RuleBook.builtin();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object[]>> asked = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                asked.add(pool.submit(() -> {
                    go.await();
                    return new Object[]{book.index(), book.traceIndex(), book.structure()};
                }));
            }
            go.countDown();
            Object[] first = asked.get(0).get();
            for (Future<Object[]> answer : asked) {
                Object[] parts = answer.get();
                for (int k = 0; k < parts.length; k++) {
                    assertThat(parts[k]).isSameAs(first[k]);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBadStructureRegexInAYamlFileStillFailsTheLoad() {
        String yaml = """
                structure:
                  - id: s/1
                    family: [disk-full]
                    commands: 'rm (-rf'
                """;
        InputStream in = new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> RuleBook.load(List.of(in), List.of("t.yaml")))
                .hasMessageContaining("structure s/1").hasMessageContaining("bad pattern");
    }
}
