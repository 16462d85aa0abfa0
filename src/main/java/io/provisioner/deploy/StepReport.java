package io.provisioner.deploy;

import java.time.Duration;

/** One step as it ended, for the reports (JSON, JUnit: one test case per host step). */
public record StepReport(String step, int attempt, StepStatus status, Duration took, String detail) {
}
