package io.provisioner.spec;

import java.util.List;

/** Which fix-ups a deploy may apply by itself: {@code auto} (all), {@code none}, or a list of names. */
public record FixupPolicy(boolean auto, List<FixupName> names) {
    public FixupPolicy {
        names = List.copyOf(names);
    }

    public static FixupPolicy all() {
        return new FixupPolicy(true, List.of());
    }

    public static FixupPolicy none() {
        return new FixupPolicy(false, List.of());
    }

    public boolean allows(FixupName fixup) {
        return auto || names.contains(fixup);
    }

    /** The fix-ups this policy allows, in catalogue order. */
    public List<FixupName> allowed() {
        return java.util.Arrays.stream(FixupName.values()).filter(this::allows).toList();
    }
}
