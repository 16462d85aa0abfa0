package io.provisioner.fixup;

import io.provisioner.remote.CommandResult;
import io.provisioner.remote.RemoteCommand;
import io.provisioner.remote.RemoteException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code apt-get update} against {@code paths.apt_dir} (a private apt root brings its own
 * {@code apt.conf}, used through APT_CONFIG) and reads which sources failed: the {@code Err:N URI SUITE ...} (apt 1.0, trusty: {@code Err URI SUITE/COMPONENT ...})
 * lines with the reason on the next line, and "The repository 'URI SUITE Release' does not have a Release file".
 */
final class AptUpdate {
    record Failure(String uri, String suite, String reason) {
    }

    record UpdateResult(boolean clean, List<Failure> failures, String output) {
    }

    private static final Pattern ERR = Pattern.compile("^Err(?::\\d+)?\\s+(\\S+)\\s+(\\S+)");
    private static final Pattern NO_RELEASE = Pattern.compile("repository '(\\S+) (\\S+) Release' (?:does not have|is not signed|no longer has)");
    private static final String SCRIPT = """
            IFS= read -r proxy || true
            if [ -n "$proxy" ]; then export http_proxy="$proxy" https_proxy="$proxy"; fi
            d="$1"
            if [ "$d" != /etc/apt ] && [ -f "$d/apt.conf" ]; then export APT_CONFIG="$d/apt.conf"; fi
            LC_ALL=C exec apt-get -o Dir::Etc="$d" update 2>&1
            """;

    private AptUpdate() {
    }

    static UpdateResult run(FixupContext ctx) throws RemoteException {
        // DevStack hands apt its proxy in the environment; here it travels on stdin (it may hold credentials)
        String proxy = java.util.Optional.ofNullable(ctx.host().proxy().http()).filter(url -> !url.isBlank()).orElse("");
        CommandResult result = ctx.run(RemoteCommand.script(SCRIPT, ctx.host().paths().aptDir()).withStdin(proxy
                + "\n").asRoot()
                .withTimeout(Duration.ofMinutes(15)));
        return parse(result.exitStatus(), result.stdout() + result.stderr());
    }

    static UpdateResult parse(int exit, String output) {
        Map<String, Failure> failures = new LinkedHashMap<>();
        String[] lines = output.split("\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher error = ERR.matcher(lines[i]);
            if (error.find()) {
                String suite = error.group(2).contains("/") ? error.group(2).substring(0, error.group(2).indexOf('/'))
                        : error.group(2);
                String reason = i + 1 < lines.length && lines[i + 1].startsWith(" ") ? lines[i + 1].strip() : "failed";
                failures.putIfAbsent(AptSourceFiles.normalize(error.group(1)) + " " + suite, new Failure(error.group(1),
                        suite, reason));
            }
            Matcher noRelease = NO_RELEASE.matcher(lines[i]);
            if (noRelease.find()) {
                failures.putIfAbsent(AptSourceFiles.normalize(noRelease.group(1)) + " " + noRelease.group(2),
                        new Failure(noRelease.group(1), noRelease.group(2), "no usable Release file"));
            }
        }
        boolean clean = exit == 0 && failures.isEmpty() && output.lines().noneMatch(line -> line.startsWith("E:")
                || line.startsWith("W: Failed"));
        return new UpdateResult(clean, new ArrayList<>(failures.values()), output);
    }
}
