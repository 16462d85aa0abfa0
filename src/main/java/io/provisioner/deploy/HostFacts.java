package io.provisioner.deploy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What the preflight script ({@code preflight.sh}) reported about one host, parsed once from its
 * {@code key=value} lines into types. A fact the script did not print stays explicit (an empty Optional, an
 * {@code UNKNOWN}); a value that does not parse is named in {@link #malformed()} and left unknown, never thrown.
 *
 * @param complete  the script ran to its end ({@code done=yes})
 * @param malformed one line per fact whose value could not be read, {@code key=value: why}
 * @param portOwners DevStack ports found listening, each with its owner's program name (or {@code in-use})
 */
public record HostFacts(
        boolean complete,
        List<String> malformed,
        Login login,
        Distro distro,
        Capacity capacity,
        Flag timeSynchronised,
        Flag enUsLocale,
        Optional<HostName> hostName,
        Leftovers leftovers,
        Map<Integer, String> portOwners,
        Optional<Answer> mysql,
        Optional<Answer> ovs,
        Optional<Answer> proxy,
        Optional<Answer> gitProtocol,
        Optional<Answer> gitHttps,
        Optional<Answer> apt) {

    public HostFacts {
        malformed = List.copyOf(malformed);
        portOwners = Map.copyOf(portOwners);
    }

    /** A yes/no fact the target may not be able to answer. */
    public enum Flag { YES, NO, UNKNOWN }

    /** How the host's own name resolves: from /etc/hosts, through the resolver, or not at all. */
    public enum Resolution { HOSTS_FILE, RESOLVER, NONE }

    /** A probe's answer: {@code ok}, a state word ({@code absent}, {@code down}, {@code unreachable}) or what failed. */
    public record Answer(String text) {
        public boolean ok() {
            return "ok".equals(text);
        }

        public boolean is(String word) {
            return word.equals(text);
        }
    }

    /** Who the login is: the uid, the user name, and whether {@code sudo -n} works (or what it said). */
    public record Login(OptionalInt uid, Optional<String> user, Optional<Answer> sudo) {
        public boolean root() {
            return uid.isPresent() && uid.getAsInt() == 0;
        }

        public String userOr(String fallback) {
            return user.filter(name -> !name.isEmpty()).orElse(fallback);
        }
    }

    /**
     * The host's distribution from /etc/os-release ({@code unknown} without one) and the distros the DevStack
     * tree lists as supported (empty when the tree is not there yet).
     */
    public record Distro(String id, String codename, String version, List<String> supported) {
        public static final String UNKNOWN = "unknown";

        public Distro {
            supported = List.copyOf(supported);
        }
    }

    /** CPUs this login may run on, memory, and the free space where the DevStack tree goes ({@code diskPath}). */
    public record Capacity(OptionalInt cpus, OptionalLong memoryKb, OptionalLong diskFreeKb, Optional<String> diskPath) {
    }

    /** The host's own name and how it resolves. */
    public record HostName(String name, Resolution resolution) {
    }

    /** What a previous DevStack run left: stack.sh processes in the tree, screen sessions, a stale localrc. */
    public record Leftovers(List<Long> stackPids, OptionalInt screenSessions, List<String> staleLocalrc) {
        public Leftovers {
            stackPids = List.copyOf(stackPids);
            staleLocalrc = List.copyOf(staleLocalrc);
        }

        public boolean stackRunning() {
            return !stackPids.isEmpty() || screenSessions.orElse(0) > 0;
        }
    }

    /** Parses the script's output; lines that are not {@code key=value} (a chatty login profile) are ignored. */
    public static HostFacts parse(String output) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1).trim());
            }
        }
        return new FactReader(values).read();
    }

    /** Reads the raw values once, collecting what does not parse. */
    private static final class FactReader {
        private static final String PORT_PREFIX = "port_";
        private final Map<String, String> values;
        private final List<String> malformed = new ArrayList<>();

        FactReader(Map<String, String> values) {
            this.values = values;
        }

        HostFacts read() {
            Login login = new Login(integer("uid"), text("user"), answer("sudo"));
            Distro distro = new Distro(text("distro_id").filter(id -> !id.isEmpty()).orElse(Distro.UNKNOWN),
                    text("distro_codename").orElse(""), text("distro_version").orElse(""),
                    words("supported", "\\|"));
            Capacity capacity = new Capacity(integer("cpus"), whole("mem_kb"), whole("disk_kb"),
                    text("disk_path").filter(path -> !path.isEmpty()));
            Optional<HostName> hostName = text("hostname_resolves").flatMap(this::resolution)
                    .map(resolution -> new HostName(text("hostname").orElse("?"), resolution));
            List<Long> pids = new ArrayList<>();
            for (String pid : words("stack_running", "\\s+")) {
                parseWhole("stack_running", pid).ifPresent(pids::add);
            }
            Leftovers leftovers = new Leftovers(pids, integer("screen_stack"), words("stale_localrc", "\\s+"));
            return new HostFacts("yes".equals(values.get("done")), malformed, login, distro, capacity,
                    flag("ntp", "yes", "no"), flag("locale", "1", "0"), hostName, leftovers, portOwners(),
                    answer("mysql"), answer("ovs"), answer("proxy"), answer("git_proto"), answer("git_https"),
                    answer("apt"));
        }

        private Optional<String> text(String key) {
            return Optional.ofNullable(values.get(key));
        }

        private Optional<Answer> answer(String key) {
            return text(key).map(Answer::new);
        }

        private List<String> words(String key, String separator) {
            String value = values.getOrDefault(key, "").trim();
            return value.isEmpty() ? List.of()
                    : Arrays.stream(value.split(separator)).filter(word -> !word.isBlank()).toList();
        }

        private OptionalInt integer(String key) {
            OptionalLong value = whole(key);
            if (value.isPresent() && value.getAsLong() > Integer.MAX_VALUE) {
                malformed.add(key + "=" + values.get(key) + ": too large");
                return OptionalInt.empty();
            }
            return value.isPresent() ? OptionalInt.of((int) value.getAsLong()) : OptionalInt.empty();
        }

        /** A non-negative whole number; an empty value is unknown (the script printed what it could not learn). */
        private OptionalLong whole(String key) {
            String value = values.get(key);
            if (value == null || value.isEmpty()) {
                return OptionalLong.empty();
            }
            Optional<Long> parsed = parseWhole(key, value);
            return parsed.isPresent() ? OptionalLong.of(parsed.get()) : OptionalLong.empty();
        }

        private Optional<Long> parseWhole(String key, String value) {
            if (!value.matches("[0-9]{1,18}")) {
                malformed.add(key + "=" + values.get(key) + ": not a whole number");
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(value));
        }

        /** The script's {@code unknown} and a missing fact are both unknown; any other word is malformed. */
        private Flag flag(String key, String yes, String no) {
            String value = values.get(key);
            if (value == null || value.isEmpty() || "unknown".equals(value)) {
                return Flag.UNKNOWN;
            }
            if (value.equals(yes)) {
                return Flag.YES;
            }
            if (value.equals(no)) {
                return Flag.NO;
            }
            malformed.add(key + "=" + value + ": expected " + yes + ", " + no + " or unknown");
            return Flag.UNKNOWN;
        }

        private Optional<Resolution> resolution(String value) {
            return switch (value) {
                case "hosts" -> Optional.of(Resolution.HOSTS_FILE);
                case "resolver" -> Optional.of(Resolution.RESOLVER);
                case "no" -> Optional.of(Resolution.NONE);
                default -> {
                    malformed.add("hostname_resolves=" + value + ": expected hosts, resolver or no");
                    yield Optional.empty();
                }
            };
        }

        private Map<Integer, String> portOwners() {
            Map<Integer, String> owners = new LinkedHashMap<>();
            values.forEach((key, owner) -> {
                if (key.startsWith(PORT_PREFIX)) {
                    String port = key.substring(PORT_PREFIX.length());
                    if (port.matches("[0-9]{1,5}") && Integer.parseInt(port) <= 65535) {
                        owners.put(Integer.parseInt(port), owner);
                    } else {
                        malformed.add(key + "=" + owner + ": not a port number");
                    }
                }
            });
            return owners;
        }
    }
}
