package io.provisioner.report;

import io.provisioner.remote.LocalCommand;
import io.provisioner.remote.LocalResult;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/** How many columns the terminal has: {@code COLUMNS} when the shell exported it, else {@code stty size}, else 80. */
final class TerminalWidth {
    static final int FALLBACK = 80;
    private static final int NARROWEST = 20;

    private TerminalWidth() {
    }

    static int detect(Map<String, String> env) {
        Integer columns = parse(env.get("COLUMNS"));
        if (columns != null) {
            return columns;
        }
        try {
            LocalResult size = LocalCommand.of("sh", "-c", "stty size < /dev/tty").withTimeout(Duration.ofSeconds(2)).run();
            String[] rowsAndColumns = size.stdout().strip().split("\\s+");
            if (size.ok() && rowsAndColumns.length == 2) {
                columns = parse(rowsAndColumns[1]);
            }
        } catch (IOException e) {
            // no stty: the fallback
        }
        return columns != null ? columns : FALLBACK;
    }

    private static Integer parse(String value) {
        if (value == null || !value.strip().matches("\\d{1,4}")) {
            return null;
        }
        int columns = Integer.parseInt(value.strip());
        return columns >= NARROWEST ? columns : null;
    }
}
