package io.provisioner.service;

import java.util.List;
import java.util.Random;

/**
 * What a read-benchmark client asks for, in turn: a run by id, a random page by number, the next page by the
 * previous page's {@code next} link (keyset), a filtered page. Shared by {@link ServiceBenchmarkTest}'s in-JVM
 * clients and {@link ReadLoad}'s, so both read the same mix.
 */
enum ReadKind {
    BY_ID("GET /runs/{id}"),
    PAGE_BY_NUMBER("GET /runs?page=N&page_size=50"),
    PAGE_BY_NEXT_LINK("GET /runs next link (keyset)"),
    FILTERED("GET /runs?state=finished&host=H&page_size=20");

    /** Where a keyset walk starts, and starts again after the last page. */
    static final String FIRST_PAGE = "/api/v1/runs?page_size=50";

    final String label;

    ReadKind(String label) {
        this.label = label;
    }

    /** The kind of a client's {@code request}-th read. */
    static ReadKind of(int request) {
        return values()[request % values().length];
    }

    /** The path to read; {@code next} is the link the previous keyset page gave. */
    String path(List<String> ids, Random random, String next) {
        return switch (this) {
            case BY_ID -> "/api/v1/runs/" + ids.get(random.nextInt(ids.size()));
            case PAGE_BY_NUMBER -> "/api/v1/runs?page=" + (1 + random.nextInt(200)) + "&page_size=50";
            case PAGE_BY_NEXT_LINK -> next;
            case FILTERED -> "/api/v1/runs?state=finished&host=h" + random.nextInt(20) + "&page_size=20";
        };
    }
}
