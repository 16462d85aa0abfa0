package io.provisioner.diagnose;

import io.provisioner.devstack.BoundedLineReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
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
        Diagnoser instance = builtin;
        if (instance == null) {
            synchronized (Diagnoser.class) {
                if (builtin == null) {
                    builtin = new Diagnoser(RuleBook.builtin());
                }
                instance = builtin;
            }
        }
        return instance;
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
        return diagnose(new BoundedLineReader(in));
    }

    /**
     * Diagnoses a whole log from bytes (UTF-8; other bytes are replaced, never fatal). Only lines that can matter are
     * decoded (see {@link LogScanner}); the result is the same as feeding every line to a session.
     */
    public Diagnosis diagnose(InputStream in) {
        if (rules.relevance == null) {
            return diagnose(new BoundedLineReader(in));
        }
        DiagnosisSession session = newSession();
        try {
            // the workers start on the relevance filters alone; the rest of the book is built meanwhile
            new LogScanner(session, rules.relevance, rules.traceRelevance, rules::complete).scan(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return session.diagnosis();
    }

    private Diagnosis diagnose(BoundedLineReader lines) {
        DiagnosisSession session = newSession();
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                session.accept(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return session.diagnosis();
    }

    /** Diagnoses a log file; bytes that are not UTF-8 are replaced, never fatal. */
    public Diagnosis diagnose(Path log) throws IOException {
        try (InputStream in = Files.newInputStream(log)) {
            return diagnose(in);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
