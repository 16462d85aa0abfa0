package io.provisioner.service.db;

/**
 * GET /api/v1/runs filters (null = any) and the page asked for (1-based). With {@code after} (keyset
 * paging, what the 'next' links carry) the page is the {@code pageSize} runs older than the cursor and
 * {@code page} only numbers it; without, the page is found by offset.
 */
public record RunFilter(RunState state, String host, String outcome, int page, int pageSize, RunCursor after) {
    public static final int MAX_PAGE_SIZE = 200;

    public RunFilter(RunState state, String host, String outcome, int page, int pageSize) {
        this(state, host, outcome, page, pageSize, null);
    }
}
