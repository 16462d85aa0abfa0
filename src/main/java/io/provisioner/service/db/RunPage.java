package io.provisioner.service.db;

import java.util.List;

/**
 * One page of runs (newest first), how many match in all (at most a second old when another instance
 * changed them: {@link CountCache}), and whether runs follow this page (exact, read with the page).
 */
public record RunPage(long count, List<RunRow> results, boolean more) {
}
