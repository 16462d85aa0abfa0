package io.provisioner.report;

import io.provisioner.deploy.DeployEvent;
import io.provisioner.deploy.HostReport;
import io.provisioner.deploy.HostStatus;
import io.provisioner.deploy.StepStatus;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The console as a person sees it: on a 120-column terminal (parsed as a terminal would) and through a pipe. */
class ConsoleProgressTest {
    private static final String PARAGRAPH = "lab1 (controller) failed: gave up after 2 runs of stack.sh. The last run failed"
            + " with service-start-failure in lib/services:start_glance:38.";
    private final StringWriter written = new StringWriter();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T01:02:03.456789Z"), ZoneOffset.UTC);

    private ConsoleProgress console(boolean live) {
        return new ConsoleProgress(new PrintWriter(written, true), live, clock, 120);
    }

    private static HostReport failed(String host) {
        return HostReport.builder(host, "controller", HostStatus.FAILED).attempts(2).message(PARAGRAPH).build();
    }

    /** A run of two hosts: lab1 fails after a diagnosis, lab2 is still mid-way when we look. */
    private static void feedRun(ConsoleProgress console, boolean lab1Finishes) {
        console.accept(new DeployEvent.StepStarted("lab1", "stack", 2));
        console.accept(new DeployEvent.StepStarted("lab2", "stack", 1));
        console.accept(new DeployEvent.Progress("lab1", "Creating initial neutron network elements",
                Duration.ofSeconds(75), "\033[0;33m+ lib/neutron:create_neutron_initial_network:12 :   openstack network create public\033[0m"));
        console.accept(new DeployEvent.Progress("lab1", "Creating initial neutron network elements",
                Duration.ofSeconds(76), "+ functions-common:is_service_enabled:1970 :   [[ '' == \\T\\r\\u\\e ]]"));
        console.accept(new DeployEvent.Progress("lab2", "Installing package prerequisites",
                Duration.ofSeconds(12), "+ lib/apt:apt_get:44 :   local sudo=sudo"));
        if (lab1Finishes) {
            console.accept(new DeployEvent.StepFinished("lab1", "stack", 2, StepStatus.FAILED, Duration.ofSeconds(80),
                    "exit 1 after 80 s"));
            console.accept(new DeployEvent.StepStarted("lab1", "diagnose", 2));
            console.accept(new DeployEvent.StepFinished("lab1", "diagnose", 2, StepStatus.PASSED, Duration.ZERO,
                    "service-start-failure: " + PARAGRAPH));
            console.accept(new DeployEvent.HostFinished("lab1", failed("lab1")));
        }
    }

    @Test
    void theLiveLineShowsPhaseAttemptProgressAndTheLastMeaningfulLineUncut() {
        ConsoleProgress console = console(true);
        feedRun(console, false);
        List<String> screen = TerminalScreen.of(written.toString()).lines();
        assertThat(screen).hasSize(2);
        String lab1 = screen.get(0);
        assertThat(lab1).startsWith("lab1").contains("stack #2", "Creating initial neutron network elements", "1:16",
                "openstack network create public").matches(".*\\[\\d+%].*");
        assertThat(lab1).doesNotContain("[[", "+ ", "lib/neutron:", "\033");
        assertThat(lab1.length()).isLessThan(120);
        assertThat(screen.get(1)).startsWith("lab2").contains("stack", "Installing package prerequisites", "0:12")
                .doesNotContain("local sudo");
    }

    @Test
    void aFinishedHostLeavesItsStepLinesOnceAndNoStatusLineAndTheParagraphIsLeftToTheSummary() {
        ConsoleProgress console = console(true);
        feedRun(console, true);
        console.accept(new DeployEvent.HostFinished("lab2", failed("lab2")));
        console.close();
        List<String> screen = TerminalScreen.of(written.toString()).lines();
        assertThat(screen).containsExactly(
                "lab1         stack: failed in 1:20 - exit 1 after 80 s",
                "lab1         diagnose: ok in 0:00 - service-start-failure",
                "lab1         finished: failed (the diagnosis follows the summary)",
                "lab2         finished: failed (the diagnosis follows the summary)");
    }

    @Test
    void closingClearsTheBlockOfHostsThatNeverFinished() {
        ConsoleProgress console = console(true);
        feedRun(console, false);
        console.close();
        assertThat(TerminalScreen.of(written.toString()).lines()).isEmpty();
    }

    @Test
    void throughAPipeLinesAreStampedToTheSecondAndCarryNoEscapes() {
        ConsoleProgress console = console(false);
        feedRun(console, true);
        String text = written.toString();
        assertThat(text).doesNotContain("\033").doesNotContain(PARAGRAPH);
        assertThat(text.lines()).allMatch(line -> line.startsWith("2026-12-07T01:02:03Z lab"));
        assertThat(text).contains("2026-12-07T01:02:03Z lab1 stack: failed in 1:20 - exit 1 after 80 s",
                "2026-12-07T01:02:03Z lab1 stack.sh: Creating initial neutron network elements (1:15)");
    }

    @Test
    void aNarrowTerminalGetsLinesThatFit() {
        ConsoleProgress console = new ConsoleProgress(new PrintWriter(written, true), true, clock, 40);
        feedRun(console, false);
        assertThat(TerminalScreen.of(written.toString()).lines()).allMatch(line -> line.length() < 40);
    }
}
