package io.provisioner.fixup;

import io.provisioner.remote.CommandResult;
import io.provisioner.remote.RemoteCommand;
import io.provisioner.remote.RemoteException;
import io.provisioner.remote.RemoteFailure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pip-distutils}: pip stops with "Cannot uninstall X ... It is a distutils installed project" because a
 * distro package installed X without a file list. The package comes from the fact {@code package} or from the
 * newest log under {@code paths.log_dir}. Apply: {@code python -m pip install --ignore-installed X}, which lays a
 * pip-managed copy (with a RECORD) over it, so DevStack's next pip run can upgrade it; with the fact
 * {@code strategy=remove-package} it instead removes the owning distro package, only when nothing installed
 * depends on it. Facts {@code python} (default {@code python3}) and {@code pip_args} (e.g. an index) pass through.
 * The proxy reaches pip on stdin, never on the command line.
 */
public final class PipDistutilsFixup implements Fixup {
    static final Pattern MESSAGE = Pattern.compile("Cannot uninstall '?([A-Za-z0-9][A-Za-z0-9._-]*)'?");
    private static final String LOG = """
            f=$(ls -t -- "$1"/*.log "$1"/*.log.* 2>/dev/null | head -n 1)
            [ -n "$f" ] && grep -ahoE "Cannot uninstall '?[A-Za-z0-9][A-Za-z0-9._-]*'?" -- "$f" | tail -n 1
            exit 0
            """;
    /** Prints the metadata path of a distribution and "distutils" when pip cannot uninstall it. */
    private static final String KIND = """
            import importlib.metadata as m, os, sys
            try:
                d = m.distribution(sys.argv[1])
            except m.PackageNotFoundError:
                print("absent"); sys.exit(0)
            p = str(d._path)
            record = os.path.isdir(p) and (os.path.exists(os.path.join(p, "RECORD")) or os.path.exists(os.path.join(p, "installed-files.txt")))
            print(("pip" if record else "distutils") + " " + d.version + " " + p)
            """;
    private static final String INSTALL = """
            IFS= read -r proxy || true
            if [ -n "$proxy" ]; then export http_proxy="$proxy" https_proxy="$proxy"; fi
            py="$1"; pkg="$2"; shift 2
            exec "$py" -m pip install --ignore-installed "$@" -- "$pkg" 2>&1
            """;
    private static final String REMOVE = """
            set -e
            owner=$(dpkg -S "$1" 2>/dev/null | head -n 1 | cut -d: -f1)
            [ -n "$owner" ] || { echo "no distro package owns $1" >&2; exit 5; }
            rdeps=$(apt-cache rdepends --installed --no-recommends --no-suggests "$owner" | tail -n +3 | sort -u | tr '\\n' ' ')
            [ -z "$rdeps" ] || { echo "$owner is needed by $rdeps" >&2; exit 6; }
            DEBIAN_FRONTEND=noninteractive apt-get remove -y "$owner"
            """;

    @Override
    public String name() {
        return "pip-distutils";
    }

    @Override
    public String describe(FixupContext ctx) {
        return "reinstall the distutils-installed package with pip --ignore-installed (package from the diagnosis or "
                + ctx.host().paths().logDir() + ")";
    }

    @Override
    public Detection detect(FixupContext ctx) throws RemoteException {
        Optional<String> pkg = packageName(ctx);
        if (pkg.isEmpty()) {
            return Detection.clean("no \"Cannot uninstall ... distutils installed project\" in " + ctx.host().paths().logDir());
        }
        String kind = kind(ctx, pkg.get());
        if (!kind.startsWith("distutils")) {
            return Detection.clean(pkg.get() + " is " + (kind.startsWith("absent") ? "not installed" : "pip-managed: " + kind));
        }
        return Detection.found(List.of(pkg.get() + " is a distutils installed project: " + kind.substring("distutils ".length())));
    }

    @Override
    public void apply(FixupContext ctx, Detection found) throws RemoteException {
        String pkg = packageName(ctx).orElseThrow();
        String kind = kind(ctx, pkg);
        if (!kind.startsWith("distutils")) {
            return;
        }
        if (ctx.fact("strategy").filter("remove-package"::equals).isPresent()) {
            String path = kind.substring(kind.lastIndexOf(' ') + 1);
            CommandResult result = ctx.run(RemoteCommand.script(REMOVE, path).asRoot().withTimeout(Duration.ofMinutes(10)));
            if (!result.ok()) {
                throw new RemoteException(RemoteFailure.IO, ctx.shell().host(), "not removing the distro package: "
                        + result.firstErrorLine());
            }
            return;
        }
        List<String> argv = new ArrayList<>(List.of("bash", "-c", INSTALL, "bash", python(ctx), pkg));
        ctx.fact("pip_args").ifPresent(args -> argv.addAll(List.of(args.split("\\s+"))));
        String proxy = Optional.ofNullable(ctx.host().proxy().https()).filter(url -> !url.isBlank())
                .or(() -> Optional.ofNullable(ctx.host().proxy().http())).orElse("");
        CommandResult result = ctx.run(new RemoteCommand(argv, (proxy + "\n").getBytes(StandardCharsets.UTF_8),
                Duration.ofMinutes(15), true));
        if (!result.ok()) {
            String out = result.stdout().strip();
            throw new RemoteException(RemoteFailure.IO, ctx.shell().host(), "pip install --ignore-installed " + pkg + " failed: "
                    + out.substring(out.lastIndexOf('\n') + 1));
        }
    }

    @Override
    public Verification verify(FixupContext ctx) throws RemoteException {
        Optional<String> pkg = packageName(ctx);
        if (pkg.isEmpty()) {
            return Verification.passed("no distutils uninstall failure to fix");
        }
        String kind = kind(ctx, pkg.get());
        return kind.startsWith("distutils") ? Verification.failed(pkg.get() + " is still a distutils install: " + kind)
                : Verification.passed(pkg.get() + " is " + (kind.startsWith("absent") ? "no longer installed" : "pip-managed: " + kind));
    }

    private Optional<String> packageName(FixupContext ctx) throws RemoteException {
        if (ctx.fact("package").isPresent()) {
            return ctx.fact("package");
        }
        String line = ctx.run(RemoteCommand.script(LOG, ctx.host().paths().logDir()).asRoot()).stdout().strip();
        Matcher matcher = MESSAGE.matcher(line);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static String kind(FixupContext ctx, String pkg) throws RemoteException {
        CommandResult result = ctx.run(RemoteCommand.of(python(ctx), "-c", KIND, pkg).asRoot());
        if (!result.ok()) {
            throw new RemoteException(RemoteFailure.IO, ctx.shell().host(), "cannot inspect " + pkg + ": "
                    + result.firstErrorLine());
        }
        return result.stdout().strip();
    }

    private static String python(FixupContext ctx) {
        return ctx.fact("python").orElse("python3");
    }
}
