package io.provisioner.fixup;

import io.provisioner.remote.RemoteException;
import io.provisioner.remote.RemoteFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FixupRunnerTest {
    @TempDir
    Path root;

    /** A scripted fix-up: the runner's logic, not a real repair, is under test here. */
    private static final class Scripted implements Fixup {
        final List<String> calls = new ArrayList<>();
        boolean present = true;
        boolean failApply;

        public String name() {
            return "scripted";
        }

        public String describe(FixupContext ctx) {
            return "reset root to " + ctx.host().passwords().database().reveal();
        }

        public Detection detect(FixupContext ctx) {
            calls.add("detect");
            return present ? Detection.found(List.of("root refuses " + ctx.host().passwords().database().reveal()))
                    : Detection.clean("fine");
        }

        public void apply(FixupContext ctx, Detection found) throws RemoteException {
            calls.add("apply");
            if (failApply) {
                throw new RemoteException(RemoteFailure.IO, "lab1", "mysql said: bad " + ctx.host().passwords().database().reveal());
            }
            present = false;
        }

        public Verification verify(FixupContext ctx) {
            calls.add("verify");
            return present ? Verification.failed("still") : Verification.passed("ok with " + ctx.host().passwords().database().reveal());
        }
    }

    private FixupContext ctx() {
        return TestHosts.context(TestHosts.host(root, "root"), new LocalTestShell(), Map.of());
    }

    @Test
    void masksTheSecretInFindingsAndDetail() {
        FixupReport r = new FixupRunner().run(new Scripted(), ctx(), false);
        assertThat(r.verified()).isTrue();
        assertThat(r.findings()).containsExactly("root refuses ****");
        assertThat(r.detail()).isEqualTo("ok with ****");
    }

    @Test
    void dryRunNeverApplies() {
        Scripted f = new Scripted();
        FixupReport r = new FixupRunner().run(f, ctx(), true);
        assertThat(f.calls).containsExactly("detect");
        assertThat(r.applied()).isFalse();
        assertThat(r.detail()).isEqualTo("dry run: would reset root to ****");
    }

    @Test
    void appliesOnlyWhatWasFound() {
        Scripted f = new Scripted();
        f.present = false;
        FixupReport r = new FixupRunner().run(f, ctx(), false);
        assertThat(f.calls).containsExactly("detect", "verify");
        assertThat(r.detected()).isFalse();
    }

    @Test
    void aFailedApplyIsAnUnverifiedMaskedReport() {
        Scripted f = new Scripted();
        f.failApply = true;
        FixupReport r = new FixupRunner().run(f, ctx(), false);
        assertThat(r.verified()).isFalse();
        assertThat(r.detail()).isEqualTo("apply failed: mysql said: bad ****");
    }
}
