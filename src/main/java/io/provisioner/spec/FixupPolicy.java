package io.provisioner.spec;

import java.util.List;

/** Which fix-ups a deploy may apply by itself: {@code auto} (all), {@code none}, or a list of names. */
public record FixupPolicy(boolean auto, List<String> names) {
    public static FixupPolicy all() {
        return new FixupPolicy(true, List.of());
    }

    public static FixupPolicy none() {
        return new FixupPolicy(false, List.of());
    }

    public boolean allows(String fixup) {
        return auto || names.contains(fixup);
    }
}
