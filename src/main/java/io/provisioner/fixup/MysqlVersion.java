package io.provisioner.fixup;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server's {@code SELECT VERSION()}, e.g. {@code 10.11.6-MariaDB-0+deb12u1} or {@code 8.0.36-0ubuntu0.22.04.1}. */
record MysqlVersion(boolean mariadb, int major, int minor, int patch) {
    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    static MysqlVersion parse(String version) {
        Matcher matcher = VERSION.matcher(version.strip());
        if (!matcher.find()) {
            throw new IllegalArgumentException("unrecognised server version: " + version.strip());
        }
        boolean maria = version.toLowerCase(java.util.Locale.ROOT).contains("mariadb");
        int patch = matcher.group(3) == null ? 0 : Integer.parseInt(matcher.group(3));
        return new MysqlVersion(maria, Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)), patch);
    }

    boolean atLeast(int maj, int min) {
        return major > maj || (major == maj && minor >= min);
    }

    /** MariaDB 10.4+: mysql.user is a view over mysql.global_priv; auth can be "A OR B". */
    boolean userTableIsView() {
        return mariadb && atLeast(10, 4);
    }

    /** SHOW CREATE USER exists: MariaDB 10.2+, MySQL 5.7+. */
    boolean hasShowCreateUser() {
        return mariadb ? atLeast(10, 2) : atLeast(5, 7);
    }

    @Override
    public String toString() {
        return (mariadb ? "MariaDB " : "MySQL ") + major + "." + minor + "." + patch;
    }
}
