package io.provisioner.service.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * List pages as answered (the JSON bytes), by query, each with the runs' version it was read at. A page is
 * answered from here only while the version read for the request is the one it was rendered at; every
 * change of a run on any instance raises the version (V4, {@code RunRepository#version()}), so a write is
 * in the next read on every instance. Past {@code maxBytes} of pages all are forgotten (queries may hold any
 * cursor or host name).
 */
final class RenderedPages {
    private record Page(long version, byte[] body) {
    }

    private final ConcurrentHashMap<String, Page> pages = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final long maxBytes;

    RenderedPages(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The page of {@code query} rendered at {@code version}, or null. */
    byte[] get(String query, long version) {
        Page page = pages.get(query);
        return page != null && page.version() == version ? page.body() : null;
    }

    /** Keeps a page rendered from data read after {@code version} was read. */
    void put(String query, long version, byte[] body) {
        // the key counts too: a free-form filter (host=...) makes many keys with small bodies
        long size = size(query, body);
        if (bytes.addAndGet(size) > maxBytes) {
            pages.clear();
            bytes.set(size);
        }
        Page old = pages.put(query, new Page(version, body));
        if (old != null) {
            bytes.addAndGet(-size(query, old.body()));
        }
    }

    private static long size(String query, byte[] body) {
        return body.length + 2L * query.length();
    }
}
