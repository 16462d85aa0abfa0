package io.provisioner.service.run;

/** A target of the run is held by another running run; the run stays queued and is tried again. */
final class TargetBusyException extends RuntimeException {
    TargetBusyException(String what) {
        super(what, null, false, false);
    }
}
