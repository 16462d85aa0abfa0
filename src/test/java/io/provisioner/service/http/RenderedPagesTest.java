package io.provisioner.service.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RenderedPagesTest {

    @Test
    void aPageIsServedOnlyAtTheVersionItWasRenderedAt() {
        RenderedPages pages = new RenderedPages(1 << 20);
        pages.put("state=queued", 7, new byte[] {1, 2});
        assertThat(pages.get("state=queued", 7)).containsExactly(1, 2);
        assertThat(pages.get("state=queued", 8)).isNull();
        assertThat(pages.get("state=running", 7)).isNull();
    }

    @Test
    void manyLongFiltersWithTinyPagesStillCountAgainstTheCap() {
        // a viewer can ask host=<anything>: a thousand 500-char keys with 10-byte pages are ~1 MB of keys,
        // far over a 20 kB cap, though their bodies together are only 10 kB
        RenderedPages pages = new RenderedPages(20_000);
        String first = "host=" + "a".repeat(495) + 0;
        String last = null;
        for (int i = 0; i < 1000; i++) {
            last = "host=" + "a".repeat(495) + i;
            pages.put(last, 1, new byte[10]);
        }
        assertThat(pages.get(first, 1)).as("dropped when the cap was reached").isNull();
        assertThat(pages.get(last, 1)).hasSize(10);
    }
}
