package io.provisioner.service.db;

/** GET /api/v1/runs filters (null = any) and the page asked for (1-based). */
public record RunFilter(RunState state, String host, String outcome, int page, int pageSize) {
    public static final int MAX_PAGE_SIZE = 200;
}
