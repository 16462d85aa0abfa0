package io.provisioner.service.db;

import java.util.List;

/**
 * One page of runs (newest first), how many match in all, whether runs follow this page, and the runs'
 * version read before any of it ({@link RunRepository#version()}): the page is at least that new.
 */
public record RunPage(long count, List<RunRow> results, boolean more, long version) {
}
