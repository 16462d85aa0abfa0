package io.provisioner.diagnose;

import io.provisioner.devstack.BoundedLineReader;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Names the failure in a stack.sh log and the fix-ups for it, using a {@link RuleBook}. Thread-safe. */
public final class Diagnoser {
    private static volatile Diagnoser builtin;

    private final RuleBook rules;

    public Diagnoser(RuleBook rules) {
        this.rules = rules;
    }

    /** The diagnoser with the built-in rules (loaded once). */
    public static Diagnoser builtin() {
        Diagnoser d = builtin;
        if (d == null) {
            synchronized (Diagnoser.class) {
                if (builtin == null) {
                    builtin = new Diagnoser(RuleBook.builtin());
                }
                d = builtin;
            }
        }
        return d;
    }

    public RuleBook rules() {
        return rules;
    }

    /** A streaming session for a log that is still growing. */
    public DiagnosisSession newSession() {
        return new DiagnosisSession(rules);
    }

    /** Diagnoses a whole log in constant memory. */
    public Diagnosis diagnose(Reader in) {
        DiagnosisSession session = newSession();
        BoundedLineReader lines = new BoundedLineReader(in);
        try {
            for (String s = lines.readLine(); s != null; s = lines.readLine()) {
                session.accept(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return session.diagnosis();
    }

    /** Diagnoses a log file; bytes that are not UTF-8 are replaced, never fatal. */
    public Diagnosis diagnose(Path log) throws IOException {
        try (Reader r = new InputStreamReader(Files.newInputStream(log), StandardCharsets.UTF_8)) {
            return diagnose(r);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
