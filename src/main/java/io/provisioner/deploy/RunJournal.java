package io.provisioner.deploy;

import io.provisioner.spec.SecretMasker;

import java.time.Instant;
import java.util.Map;

/**
 * The deploy core's pen on the {@link RunStore}: one run id, every text masked before it reaches the
 * store (the store masks nothing itself).
 */
final class RunJournal {
    private final RunStore store;
    private final String run;
    private final SecretMasker masker;

    RunJournal(RunStore store, String run, SecretMasker masker) {
        this.store = store;
        this.run = run;
        this.masker = masker;
    }

    String run() {
        return run;
    }

    void append(String host, String step, StepState state, String detail, Map<String, String> data) {
        Map<String, String> masked = new java.util.LinkedHashMap<>();
        data.forEach((key, value) -> masked.put(key, masker.mask(value)));
        store.append(new JournalRecord(Instant.now(), run, host, step, state,
                detail == null ? null : masker.mask(detail), masked));
    }
}
