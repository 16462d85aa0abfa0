package io.provisioner.service.http;

/**
 * One HTTP byte range ({@code bytes=A-B}, {@code bytes=A-}, {@code bytes=-N}) resolved against a length.
 * Null header: the whole. A range that cannot be satisfied is a 416.
 */
record ByteRange(long first, long last, boolean partial) {

    static ByteRange of(String header, long length) {
        if (header == null || header.isBlank()) {
            return new ByteRange(0, length - 1, false);
        }
        String value = header.strip();
        if (!value.startsWith("bytes=") || value.contains(",")) {
            throw new ApiError(416, "Range '" + header + "' is not one range of bytes (bytes=A-B, bytes=A-, bytes=-N)");
        }
        String spec = value.substring(6);
        int dash = spec.indexOf('-');
        if (dash < 0) {
            throw new ApiError(416, "Range '" + header + "' has no '-'");
        }
        try {
            String from = spec.substring(0, dash).strip();
            String to = spec.substring(dash + 1).strip();
            long first;
            long last;
            if (from.isEmpty()) {
                long suffix = Long.parseLong(to);
                first = Math.max(0, length - suffix);
                last = length - 1;
            } else {
                first = Long.parseLong(from);
                last = to.isEmpty() ? length - 1 : Math.min(Long.parseLong(to), length - 1);
            }
            if (first < 0 || first >= length || last < first) {
                throw new ApiError(416, "Range '" + header + "' is outside the " + length + " bytes of the log");
            }
            return new ByteRange(first, last, true);
        } catch (NumberFormatException e) {
            throw new ApiError(416, "Range '" + header + "' has a number that is not one");
        }
    }

    long size() {
        return last - first + 1;
    }
}
