package io.provisioner.deploy;

/** Receives deploy events; implementations must be thread-safe (hosts run in parallel). */
@FunctionalInterface
public interface EventSink {
    EventSink NONE = event -> {
    };

    void accept(DeployEvent event);

    default EventSink and(EventSink other) {
        return event -> {
            accept(event);
            other.accept(event);
        };
    }
}
