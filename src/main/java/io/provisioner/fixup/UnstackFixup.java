package io.provisioner.fixup;

import io.provisioner.remote.CommandResult;
import io.provisioner.remote.RemoteCommand;
import io.provisioner.remote.RemoteException;
import io.provisioner.remote.RemoteFailure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code unstack}: a previous run is still up (DevStack ≥ 2017 has no re-run guard; 2016 refuses while its
 * {@code screen} session lives). Runs {@code unstack.sh} as the stack user ({@code -a} with the fact
 * {@code unstack_all=true}, when MySQL and RabbitMQ must stop too), then stops and disables any
 * {@code devstack@*} unit still active and quits a leftover {@code screen} session (fact {@code screen_name},
 * default {@code stack}). Found when such units or a session exist, or with the fact {@code rerun=true}
 * (the deploy's re-run loop always unstacks first).
 */
public final class UnstackFixup implements Fixup {
    private static final String LEFTOVERS = """
            u="$1"; s="$2"
            if [ -d /run/systemd/system ]; then
              systemctl list-units --plain --no-legend --state=active 'devstack@*' 2>/dev/null | awk '{print "unit " $1}'
            fi
            if command -v screen >/dev/null 2>&1; then
              sudo -n -u "$u" -H screen -ls 2>/dev/null | awk -v s="$s" '$1 ~ ("^[0-9]+\\\\." s "$") {print "screen " $1}'
            fi
            exit 0
            """;
    /** $1 = PID.NAME. screen -X returns once the command is sent; the session goes a moment later. */
    private static final String QUIT_SCREEN = """
            screen -S "$1" -X quit || exit
            for i in $(seq 100); do
              screen -ls 2>/dev/null | awk -v id="$1" '$1 == id {found = 1} END {exit !found}' || exit 0
              sleep 0.1
            done
            echo "screen session $1 is still there 10 s after quit" >&2
            exit 1
            """;
    private static final String UNSTACK = "cd \"$1\" && shift && exec ./unstack.sh \"$@\"";

    @Override
    public String name() {
        return "unstack";
    }

    @Override
    public String describe(FixupContext ctx) {
        return "run " + ctx.host().devstack().dir() + "/unstack.sh" + (all(ctx) ? " -a" : "") + " as " + ctx.stackUser()
                + ", then stop leftover devstack@* units and the '" + screenName(ctx) + "' screen session";
    }

    @Override
    public Detection detect(FixupContext ctx) throws RemoteException {
        List<String> findings = new ArrayList<>(leftovers(ctx).stream().map(leftover -> "running: " + leftover).toList());
        if (ctx.fact("rerun").filter("true"::equalsIgnoreCase).isPresent()) {
            findings.add("a re-run of stack.sh is due: unstack first");
        }
        return findings.isEmpty() ? Detection.clean("no devstack@* unit and no '" + screenName(ctx) + "' screen session is running")
                : Detection.found(findings);
    }

    @Override
    public void apply(FixupContext ctx, Detection found) throws RemoteException {
        String dir = ctx.host().devstack().dir();
        if (ctx.run(RemoteCommand.of("test", "-x", dir + "/unstack.sh")).ok()) {
            List<String> argv = new ArrayList<>(List.of("bash", "-c", UNSTACK, "bash", dir));
            if (all(ctx)) {
                argv.add("-a");
            }
            CommandResult result = ctx.run(ctx.asStackUser(argv.toArray(String[]::new)).withTimeout(Duration.ofMinutes(15)));
            if (!result.ok()) {
                throw new RemoteException(RemoteFailure.IO, ctx.shell().host(), "unstack.sh exited "
                        + result.exitStatus() + ": "
                        + result.firstErrorLine());
            }
        }
        for (String leftover : leftovers(ctx)) {
            String what = leftover.substring(leftover.indexOf(' ') + 1);
            if (leftover.startsWith("unit ")) {
                ctx.run(RemoteCommand.of("systemctl", "stop", what).asRoot());
                ctx.run(RemoteCommand.of("systemctl", "disable", what).asRoot());
            } else if (leftover.startsWith("screen ")) {
                ctx.run(ctx.asStackUser("bash", "-c", QUIT_SCREEN, "bash", what));
            }
        }
    }

    @Override
    public Verification verify(FixupContext ctx) throws RemoteException {
        List<String> left = leftovers(ctx);
        return left.isEmpty() ? Verification.passed("DevStack is down: no devstack@* unit, no screen session")
                : Verification.failed("still running: " + String.join(", ", left));
    }

    private static List<String> leftovers(FixupContext ctx) throws RemoteException {
        return ctx.run(RemoteCommand.script(LEFTOVERS, ctx.stackUser(), screenName(ctx)).asRoot()).stdout().lines()
                .filter(line -> !line.isBlank()).toList();
    }

    private static boolean all(FixupContext ctx) {
        return ctx.fact("unstack_all").filter("true"::equalsIgnoreCase).isPresent();
    }

    private static String screenName(FixupContext ctx) {
        return ctx.fact("screen_name").orElse("stack");
    }
}
