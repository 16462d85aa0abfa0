package io.provisioner.service.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByteRangeTest {
    @Test
    void theThreeFormsOfOneRangeResolveAgainstTheLength() {
        assertThat(ByteRange.of(null, 1000)).isEqualTo(new ByteRange(0, 999, false));
        assertThat(ByteRange.of("bytes=0-99", 1000)).isEqualTo(new ByteRange(0, 99, true));
        assertThat(ByteRange.of("bytes=900-", 1000)).isEqualTo(new ByteRange(900, 999, true));
        assertThat(ByteRange.of("bytes=-10", 1000)).isEqualTo(new ByteRange(990, 999, true));
        assertThat(ByteRange.of("bytes=-5000", 1000)).isEqualTo(new ByteRange(0, 999, true));
        assertThat(ByteRange.of("bytes=990-5000", 1000).size()).isEqualTo(10);
    }

    @Test
    void unsatisfiableRangesAre416() {
        for (String bad : new String[] {"bytes=1000-", "bytes=5-2", "items=0-1", "bytes=0-1,5-6", "bytes=a-b", "bytes=7"}) {
            assertThatThrownBy(() -> ByteRange.of(bad, 1000)).as(bad).isInstanceOf(ApiError.class)
                    .extracting(e -> ((ApiError) e).status()).isEqualTo(416);
        }
    }
}
