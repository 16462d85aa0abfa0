package io.provisioner.devstack;

import java.util.Map;
import java.util.Set;

/**
 * The current stack.sh phase for live progress, from {@code echo_summary "..."} calls seen in xtrace, the same
 * summary lines printed plainly (VERBOSE=False consoles), and a few well-known functions when no summary is
 * printed (fragments, plugins).
 */
public final class PhaseTracker {
    /** echo_summary texts of stack.sh and lib/* in both trees (the ones without shell variables). */
    private static final Set<String> KNOWN = Set.of(
            "Installing package prerequisites", "Installing OpenStack project source", "Configuring Cinder",
            "Configuring Glance", "Configuring Horizon", "Configuring Neutron", "Configuring Nova",
            "Configuring Swift", "Configuring placement", "Configuring Keystone", "Creating initial neutron network elements",
            "Starting Cinder", "Starting Glance", "Starting Horizon", "Starting Keystone", "Starting Neutron",
            "Starting Nova API", "Starting Nova", "Starting OVN services", "Starting Placement", "Starting Swift",
            "Starting rsyslog", "Uploading images", "Installing Keystone", "Installing Nova", "Installing Glance",
            "Installing Cinder", "Installing Neutron", "Installing Horizon", "Installing Swift", "Installing Tempest",
            "Initializing Tempest", "Configuring and starting MySQL", "Installing dstat", "Installing etcd3",
            "Initializing Nova", "Initializing Keystone", "Initializing Glance", "Initializing Cinder",
            "Initializing Neutron", "Initializing Placement", "Starting Tempest", "Configuring Tempest");

    /** Functions that mark a phase even when echo_summary output is not in the log. */
    private static final Map<String, String> BY_FUNCTION = Map.ofEntries(
            Map.entry("install_prereqs", "Installing package prerequisites"),
            Map.entry("apt_get_update", "Updating package lists"),
            Map.entry("install_pip", "Installing pip"),
            Map.entry("configure_database_mysql", "Configuring and starting MySQL"),
            Map.entry("install_rpc_backend", "Installing RabbitMQ"),
            Map.entry("start_keystone", "Starting Keystone"),
            Map.entry("bootstrap_keystone", "Starting Keystone"),
            Map.entry("create_keystone_accounts", "Creating Keystone accounts"),
            Map.entry("upload_image", "Uploading images"),
            Map.entry("configure_tempest", "Configuring Tempest"),
            Map.entry("time_totals", "Finishing"));

    private String current = "Starting stack.sh";

    /** Literals of every line that can move the phase (summary texts and phase functions). */
    static java.util.List<String> literals() {
        java.util.List<String> out = new java.util.ArrayList<>(KNOWN);
        out.addAll(BY_FUNCTION.keySet());
        return out;
    }

    /** Feeds one normalised line (and its frame, if it is one); returns the current phase. */
    public String accept(String text, Ps4Frame frame) {
        if (frame != null) {
            String cmd = frame.command();
            if (cmd.startsWith("echo_summary ")) {
                String summary = unquote(cmd.substring(13).trim());
                if (!summary.isEmpty() && summary.indexOf('$') < 0 && !summary.startsWith("stack.sh ")) {
                    current = summary;
                }
            } else {
                String phase = BY_FUNCTION.get(frame.step().function());
                if (phase != null) {
                    current = phase;
                }
            }
        } else if (text.length() < 60 && KNOWN.contains(text)) {
            current = text;
        }
        return current;
    }

    public String current() {
        return current;
    }

    void set(String phase) {
        current = phase;
    }

    private static String unquote(String word) {
        if (word.length() >= 2 && (word.charAt(0) == '\'' || word.charAt(0) == '"')
                && word.charAt(word.length() - 1) == word.charAt(0)) {
            return word.substring(1, word.length() - 1);
        }
        return word;
    }
}
