package io.provisioner.remote;

import io.provisioner.probe.ProbeOutcome;
import io.provisioner.probe.ProbeResult;
import io.provisioner.probe.ProbeTarget;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;

/**
 * Probes from the target host (preflight: can lab1 reach git:// on 9418, https through the proxy, the proxy
 * itself?). Runs one bash script over the {@link RemoteShell}: {@code getent ahosts} to resolve, then bash's
 * {@code /dev/tcp} to each address in the resolver's order until one connects (as the local prober does:
 * Debian's {@code localhost} is ::1 first, and a service bound to 127.0.0.1 must still count as up; the
 * first address's failure is the one reported), all under coreutils {@code timeout} for one overall
 * deadline; markers on stdout say how far it
 * got, so the result maps onto the same outcome labels as the local prober. HTTP(S) through a proxy is a
 * CONNECT whose answer is classified like the local one (403 refused by the proxy vs 5xx proxy could not
 * reach). Proxy credentials travel on stdin, never on the remote command line.
 */
public final class RemoteProbe {

    // $1 host  $2 port  $3 mode (tcp|http|connect)  $4 seconds  $5 request target / authority  $6 Host header  $7 auth?
    static final String SCRIPT = """
            now() { date +%s%3N; }
            echo "T0 $(now)"
            timeout "$4" bash -c '
              addrs=($(getent ahosts "$1" | awk "!seen[\\$1]++ {print \\$1}"))
              [ ${#addrs[@]} -gt 0 ] || { echo "NORESOLVE"; exit 2; }
              echo "RESOLVED ${addrs[0]}"
              exec 3<>"/dev/tcp/${addrs[0]}/$2" || {
                for addr in "${addrs[@]:1}"; do
                  { exec 3<>"/dev/tcp/$addr/$2"; } 2>/dev/null && { echo "RESOLVED $addr"; break; }
                done
              }
              { true >&3; } 2>/dev/null || exit 3
              echo "CONNECTED"
              case "$3" in
                tcp) exit 0 ;;
                http) printf "GET %s HTTP/1.1\\r\\nHost: %s\\r\\nUser-Agent: provisioner-probe\\r\\nConnection: close\\r\\n\\r\\n" "$5" "$6" >&3 ;;
                connect)
                  auth=""
                  if [ "$7" = auth ]; then IFS= read -r a; auth="Proxy-Authorization: Basic $a\\r\\n"; fi
                  printf "CONNECT %s HTTP/1.1\\r\\nHost: %s\\r\\nUser-Agent: provisioner-probe\\r\\n${auth}\\r\\n" "$5" "$5" >&3 ;;
              esac
              IFS= read -r line <&3 || { echo "EOF"; exit 4; }
              echo "STATUS ${line%$(printf "\\r")}"
            ' probe "$@"
            rc=$?
            echo "T1 $(now)"
            echo "EXIT $rc"
            """;

    private RemoteProbe() {
    }

    /** Probes {@code target} directly from the host behind {@code shell}: tcp/git connect, http(s) GET status. */
    public static ProbeResult probe(RemoteShell shell, ProbeTarget target, Duration timeout) {
        boolean http = target.protocol() == ProbeTarget.Protocol.HTTP;
        String mode = http ? "http" : "tcp";
        return run(shell, target, timeout, target.host(), target.port(), mode, target.path(), hostHeader(target),
                null, null);
    }

    /**
     * Probes {@code target} through the HTTP proxy {@code proxy} from the host behind {@code shell}, with CONNECT:
     * {@code up} means the proxy opened the tunnel. Problems with the proxy itself say "proxy ... itself".
     */
    public static ProbeResult probeViaProxy(RemoteShell shell, ProbeTarget target, URI proxy, Duration timeout) {
        int port = proxy.getPort() == -1 ? 3128 : proxy.getPort();
        String auth = proxy.getRawUserInfo() == null ? null : Base64.getEncoder().encodeToString(
                URLDecoder.decode(proxy.getRawUserInfo(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
        return run(shell, target, timeout, proxy.getHost(), port, "connect", target.authority(), "", auth,
                proxy.getHost() + ":" + port);
    }

    private static ProbeResult run(RemoteShell shell, ProbeTarget target, Duration timeout, String host, int port,
                                   String mode, String arg5, String arg6, String auth, String proxyName) {
        String seconds = String.format(Locale.ROOT, "%.3f", Math.max(1, timeout.toMillis()) / 1000.0);
        RemoteCommand cmd = RemoteCommand.script(SCRIPT, host, String.valueOf(port), mode, seconds, arg5, arg6,
                auth == null ? "" : "auth").withTimeout(timeout.plusSeconds(30));
        if (auth != null) {
            cmd = cmd.withStdin(auth + "\n");
        }
        long start = System.nanoTime();
        CommandResult result;
        try {
            result = shell.run(cmd);
        } catch (RemoteException e) {
            return new ProbeResult(target.text(), null, ProbeOutcome.CONNECT_TIMEOUT, (System.nanoTime() - start) / 1_000_000,
                    "could not run the probe on " + shell.host() + ": " + e.getMessage());
        }
        return classify(target, result, (System.nanoTime() - start) / 1_000_000, port, mode, proxyName);
    }

    /** Reads the script's markers (T0, RESOLVED, CONNECTED, STATUS, EOF, T1, EXIT) and bash's error message. */
    static ProbeResult classify(ProbeTarget target, CommandResult result, long localMillis, int port, String mode,
                                String proxyName) {
        String addr = null;
        boolean connected = false;
        String status = null;
        boolean eof = false;
        boolean noResolve = false;
        long t0 = -1;
        long t1 = -1;
        int exit = result.exitStatus();
        for (String line : result.stdout().split("\n")) {
            if (line.startsWith("RESOLVED ")) {
                addr = line.substring(9).strip();
            } else if (line.equals("CONNECTED")) {
                connected = true;
            } else if (line.startsWith("STATUS ")) {
                status = line.substring(7);
            } else if (line.equals("EOF")) {
                eof = true;
            } else if (line.equals("NORESOLVE")) {
                noResolve = true;
            } else if (line.startsWith("T0 ")) {
                t0 = parseLong(line.substring(3));
            } else if (line.startsWith("T1 ")) {
                t1 = parseLong(line.substring(3));
            } else if (line.startsWith("EXIT ")) {
                exit = (int) parseLong(line.substring(5));
            }
        }
        long elapsed = t0 >= 0 && t1 >= t0 ? t1 - t0 : localMillis;
        String address = addr == null ? null : (addr.contains(":") ? "[" + addr + "]" : addr) + ":" + port;
        String err = result.stderr().strip().lines().reduce((earlier, later) -> later).orElse("");
        err = err.replaceFirst("^bash: (connect: |/dev/tcp/[^:]*: )?", "");
        ProbeOutcome outcome;
        String detail;
        if (status != null) {
            int code = statusCode(status);
            if (code < 0) {
                outcome = ProbeOutcome.PROTOCOL_MISMATCH;
                detail = "did not answer HTTP: '" + status + "'";
            } else if (mode.equals("connect")) {
                String reason = status.length() > 9 ? status.substring(9).strip() : String.valueOf(code);
                String who = "proxy " + proxyName + " ";
                if (code / 100 == 2) {
                    outcome = ProbeOutcome.UP;
                    detail = who + "opened a tunnel to " + target.authority();
                } else if (code == 403 || code == 405 || code == 407) {
                    outcome = ProbeOutcome.SERVICE_ERROR;
                    detail = who + "refused CONNECT to " + target.authority() + ": " + reason;
                } else if (code == 504) {
                    outcome = ProbeOutcome.CONNECT_TIMEOUT;
                    detail = who + "timed out reaching " + target.authority() + ": " + reason;
                } else if (code == 500 || code == 502 || code == 503) {
                    outcome = ProbeOutcome.HOST_UNREACHABLE;
                    detail = who + "could not reach " + target.authority() + ": " + reason;
                } else {
                    outcome = ProbeOutcome.SERVICE_ERROR;
                    detail = who + "answered CONNECT to " + target.authority() + " with " + reason;
                }
                return new ProbeResult(target.text(), address, outcome, elapsed, detail);
            } else {
                detail = "HTTP " + status.substring(9).strip();
                outcome = code / 100 == 2 ? ProbeOutcome.UP
                        : code / 100 == 3 || code == 429 ? ProbeOutcome.DEGRADED : ProbeOutcome.SERVICE_ERROR;
            }
        } else if (eof) {
            outcome = ProbeOutcome.CLOSED_EARLY;
            detail = "peer closed without answering";
        } else if (exit == 124 || exit == 137) {
            if (connected) {
                outcome = ProbeOutcome.READ_TIMEOUT;
                detail = "connected, no answer before the deadline";
            } else if (addr != null) {
                outcome = ProbeOutcome.CONNECT_TIMEOUT;
                detail = "no answer to connect before the deadline";
            } else {
                outcome = ProbeOutcome.DNS_FAILURE;
                detail = "lookup did not finish before the deadline";
            }
        } else if (noResolve) {
            outcome = ProbeOutcome.DNS_FAILURE;
            detail = "name did not resolve on the target";
        } else if (connected && exit == 0) {
            outcome = ProbeOutcome.UP;
            detail = "connected";
        } else {
            String lower = err.toLowerCase(Locale.ROOT);
            outcome = lower.contains("refused") ? ProbeOutcome.REFUSED
                    : lower.contains("network is unreachable") ? ProbeOutcome.NETWORK_UNREACHABLE
                    : lower.contains("reset") ? ProbeOutcome.RESET
                    : lower.contains("timed out") ? ProbeOutcome.CONNECT_TIMEOUT
                    : ProbeOutcome.HOST_UNREACHABLE;
            detail = err.isEmpty() ? "probe script exited with " + exit : err;
        }
        if (proxyName != null && !connected) {
            detail = "proxy " + proxyName + " itself: " + detail;
        } else if (proxyName != null) {
            detail = "via proxy " + proxyName + ": " + detail;
        }
        return new ProbeResult(target.text(), address, outcome, elapsed, detail);
    }

    private static int statusCode(String line) {
        if (!line.startsWith("HTTP/1.") || line.length() < 12) {
            return -1;
        }
        try {
            return Integer.parseInt(line.substring(9, 12));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String hostHeader(ProbeTarget target) {
        return target.port() == target.protocol().defaultPort()
                ? (target.host().contains(":") ? "[" + target.host() + "]" : target.host())
                : target.authority();
    }
}
