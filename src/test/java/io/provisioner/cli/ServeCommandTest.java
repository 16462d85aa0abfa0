package io.provisioner.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** serve's refusals: one line, exit 2, nothing started. */
class ServeCommandTest {
    @TempDir
    Path dir;

    private record Outcome(int exit, String out, String err) {
    }

    private Outcome serve(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 3];
        all[0] = "serve";
        all[1] = "--state-dir";
        all[2] = dir.resolve("state").toString();
        System.arraycopy(args, 0, all, 3, args.length);
        int exit = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), all);
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aGeneratedTokenIsNeverServedBeyondLoopback() {
        // PROVISIONER_API_TOKEN is not set in the test environment
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("PROVISIONER_API_TOKEN") == null);
        Outcome o = serve("--bind", "0.0.0.0", "--port", "0");
        assertThat(o.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(o.err().strip()).isEqualTo("error: --bind 0.0.0.0: without --token-file or PROVISIONER_API_TOKEN the "
                + "service generates a token and listens on 127.0.0.1 only");
        assertThat(o.out()).isEmpty();
    }

    @Test
    void aPortOutOfRangeIsNamedWithItsRange() {
        Outcome o = serve("--port", "99999");
        assertThat(o.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(o.err().strip()).isEqualTo("error: --port 99999: must be 0 (any free port) to 65535");
    }

    @Test
    void aBadTokenFileLineIsNamedByFileAndLine() throws Exception {
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, "alice superuser " + "a".repeat(64) + "\n");
        Outcome o = serve("--token-file", tokens.toString(), "--port", "0");
        assertThat(o.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(o.err().strip()).isEqualTo("error: " + tokens + ":1: role 'superuser' is not viewer or operator");
    }

    @Test
    void anUnsupportedDatabaseAndBadWorkersAreRefused() throws Exception {
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, "alice operator " + "a".repeat(64) + "\n");
        Outcome db = serve("--token-file", tokens.toString(), "--port", "0", "--db", "jdbc:mysql://db/x?password=hunter2");
        assertThat(db.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(db.err().strip()).isEqualTo("error: --db 'jdbc:mysql:...' is not supported; use "
                + "jdbc:postgresql://HOST/DB or jdbc:h2:file:PATH");
        Outcome workers = serve("--token-file", tokens.toString(), "--port", "0", "--workers", "0");
        assertThat(workers.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(workers.err().strip()).isEqualTo("error: --workers must be 1..64, got 0");
    }
}
