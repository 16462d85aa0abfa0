package io.provisioner.plan;

import io.provisioner.shell.ShellQuote;
import io.provisioner.spec.Host;

import java.util.ArrayList;
import java.util.List;

/**
 * The scripts a deploy runs on a target and the files it writes there, with their arguments: the deploy
 * runs exactly these and the plan prints exactly these ({@code bash -c SCRIPT bash ARGS...}).
 */
public final class TargetScripts {
    /** Clone or fast-forward; stackrc is restored first because the overlay edits it. Proxy vars on stdin. */
    public static final String CHECKOUT = """
            eval "$(cat)"
            set -e
            dir=$1 repo=$2 ref=$3 state=$4
            mkdir -p "$state" && chmod 700 "$state"
            if [ -d "$dir/.git" ]; then
              git -C "$dir" checkout -q -- stackrc 2>/dev/null || true
              git -C "$dir" fetch -q origin
              git -C "$dir" checkout -q "$ref"
              if git -C "$dir" rev-parse -q --verify "refs/remotes/origin/$ref" >/dev/null; then
                git -C "$dir" merge -q --ff-only "origin/$ref"
              fi
            else
              mkdir -p "$(dirname "$dir")"
              git clone -q "$repo" "$dir"
              git -C "$dir" checkout -q "$ref"
            fi
            for f in localrc .localrc.password; do
              if [ -e "$dir/$f" ]; then mv -f "$dir/$f" "$dir/$f.provisioner-bak"; echo "moved aside: $f"; fi
            done
            git -C "$dir" rev-parse HEAD
            """;

    /** cells v2 (2017+): trees from before it have no discover_hosts.sh and nothing to map. */
    public static final String DISCOVER_HOSTS = "cd \"$1\" && if [ -x tools/discover_hosts.sh ]; then "
            + "./tools/discover_hosts.sh; else echo 'no tools/discover_hosts.sh in this tree: nothing to map'; fi";

    /** local.conf holds the passwords. */
    public static final int LOCAL_CONF_MODE = 0600;
    public static final int STACKRC_MODE = 0644;

    private TargetScripts() {
    }

    public static List<String> checkoutArgs(Host host) {
        return List.of(host.devstack().dir(), host.devstack().repo(), host.devstack().ref(), host.paths().stateDir());
    }

    public static List<String> discoverHostsArgs(Host controller) {
        return List.of(controller.devstack().dir());
    }

    public static String localConf(Host host) {
        return host.devstack().dir() + "/local.conf";
    }

    public static String stackrc(Host host) {
        return host.devstack().dir() + "/stackrc";
    }

    /** The command line as sent: {@code bash -c SCRIPT bash ARGS...}, each word quoted. */
    public static String commandLine(String script, List<String> args) {
        List<String> argv = new ArrayList<>(List.of("bash", "-c", script, "bash"));
        argv.addAll(args);
        return ShellQuote.join(argv);
    }
}
