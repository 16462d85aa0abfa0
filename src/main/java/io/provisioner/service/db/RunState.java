package io.provisioner.service.db;

import java.util.Locale;

/** Where a run is: queued (waiting for a worker or a busy target), running, finished, cancelled. */
public enum RunState {
    QUEUED, RUNNING, FINISHED, CANCELLED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinal() {
        return this == FINISHED || this == CANCELLED;
    }

    public static RunState fromLabel(String label) {
        for (RunState state : values()) {
            if (state.label().equals(label)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown run state '" + label + "'; use queued, running, finished or cancelled");
    }
}
