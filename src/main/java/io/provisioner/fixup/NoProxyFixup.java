package io.provisioner.fixup;

import io.provisioner.remote.CommandResult;
import io.provisioner.remote.RemoteCommand;
import io.provisioner.remote.RemoteException;
import io.provisioner.render.NoProxyList;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code no-proxy}: clients reach DevStack's own endpoints through the proxy ("Could not determine a
 * suitable URL for the plugin"). Recomputes no_proxy from the spec plus the HOST_IP DevStack actually used
 * (fact {@code host_ip}, else {@code HOST_IP=} in the tree's {@code .stackenv}) and re-applies the stackrc
 * overlay, keeping the GIT_BASE it already had. The fact {@code probe_url} (e.g. Keystone's) makes verify
 * also fetch it with the overlay's environment.
 */
public final class NoProxyFixup implements Fixup {
    private static final String PROBE = """
            eval "$(sed -n '/^# BEGIN devstack-provisioner overlay/,/^# END devstack-provisioner overlay/p' "$1")"
            curl -sS -o /dev/null --max-time 20 -w '%{http_code}' "$2"
            """;

    @Override
    public String name() {
        return "no-proxy";
    }

    @Override
    public String describe(FixupContext ctx) {
        return "recompute no_proxy (every host, HOST_IP, SERVICE_HOST, localhost) and re-apply the stackrc overlay in "
                + StackrcFile.path(ctx);
    }

    @Override
    public Detection detect(FixupContext ctx) throws RemoteException {
        // no proxy in the spec is no proof: the article's proxy came from the host's own environment
        Optional<String> stackrc = ctx.files().read(StackrcFile.path(ctx));
        if (stackrc.isEmpty()) {
            return Detection.clean("no DevStack tree yet: " + StackrcFile.path(ctx) + " is missing");
        }
        List<String> missing = missing(ctx, stackrc.get());
        if (missing.isEmpty()) {
            return Detection.clean("no_proxy already holds " + String.join(",", expected(ctx)));
        }
        return Detection.found(List.of("no_proxy in " + StackrcFile.path(ctx) + " lacks " + String.join(",", missing)));
    }

    @Override
    public void apply(FixupContext ctx, Detection found) throws RemoteException {
        String stackrc = ctx.files().read(StackrcFile.path(ctx)).orElseThrow();
        String gitBase = StackrcFile.overlayValue(stackrc, "GIT_BASE")
                .or(() -> Optional.ofNullable(ctx.host().gitBase()).filter(base -> !"auto".equals(base)))
                .orElse(StackrcFile.httpsBaseFor(stackrc));
        StackrcFile.reapply(ctx, stackrc, gitBase, hostIp(ctx).map(List::of).orElse(List.of()));
    }

    @Override
    public Verification verify(FixupContext ctx) throws RemoteException {
        Optional<String> stackrc = ctx.files().read(StackrcFile.path(ctx));
        if (stackrc.isEmpty()) {
            return Verification.failed(StackrcFile.path(ctx) + " is missing");
        }
        List<String> missing = missing(ctx, stackrc.get());
        if (!missing.isEmpty()) {
            return Verification.failed("no_proxy still lacks " + String.join(",", missing));
        }
        Optional<String> url = ctx.fact("probe_url");
        if (url.isPresent()) {
            CommandResult result = ctx.run(RemoteCommand.script(PROBE, StackrcFile.path(ctx), url.get())
                    .withTimeout(Duration.ofSeconds(60)));
            String code = result.stdout().strip();
            if (!result.ok() || code.startsWith("5") || code.equals("403") || code.equals("000")) {
                return Verification.failed(url.get() + " with the overlay's proxy settings: HTTP " + code + " "
                        + result.firstErrorLine());
            }
            return Verification.passed("no_proxy is complete; " + url.get() + " answers directly (HTTP " + code + ")");
        }
        return Verification.passed("no_proxy holds " + String.join(",", expected(ctx)));
    }

    private static List<String> missing(FixupContext ctx, String stackrc) throws RemoteException {
        List<String> current = StackrcFile.overlayValue(stackrc, "no_proxy")
                .map(value -> Arrays.stream(value.split(",")).map(String::strip).toList()).orElse(List.of());
        List<String> out = new ArrayList<>(expected(ctx));
        out.removeAll(current);
        return out;
    }

    private static List<String> expected(FixupContext ctx) throws RemoteException {
        return NoProxyList.compute(ctx.spec(), ctx.host(), hostIp(ctx).map(List::of).orElse(List.of()));
    }

    /** The HOST_IP DevStack really used: the diagnosis's fact, else the tree's .stackenv. */
    private static Optional<String> hostIp(FixupContext ctx) throws RemoteException {
        if (ctx.fact("host_ip").isPresent()) {
            return ctx.fact("host_ip");
        }
        return ctx.files().read(ctx.host().devstack().dir() + "/.stackenv").flatMap(stackenv -> stackenv.lines()
                .filter(line -> line.startsWith("HOST_IP=")).map(line -> line.substring(8).strip().replace("\"", "")
                        .replace("'", ""))
                .filter(address -> !address.isEmpty()).reduce((earlier, later) -> later));
    }
}
