package io.provisioner.service.db;

import java.util.List;

/** One page of runs (newest first) and how many match in all. */
public record RunPage(long count, List<RunRow> results) {
}
