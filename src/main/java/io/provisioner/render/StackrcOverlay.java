package io.provisioner.render;

/**
 * Applies the overlay to DevStack's {@code stackrc} as one marked block at the end, replacing any earlier
 * block, so it works for every DevStack era and applying twice equals applying once.
 */
public final class StackrcOverlay {
    public static final String BEGIN = "# BEGIN devstack-provisioner overlay";
    public static final String END = "# END devstack-provisioner overlay";

    private StackrcOverlay() {
    }

    public static String applyTo(String existingStackrc, String overlay) {
        StringBuilder sb = new StringBuilder(remove(existingStackrc));
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') {
            sb.append('\n');
        }
        sb.append(BEGIN).append('\n').append(overlay);
        if (!overlay.isEmpty() && !overlay.endsWith("\n")) {
            sb.append('\n');
        }
        return sb.append(END).append('\n').toString();
    }

    /** The text without any overlay block; a block left open (no END line) runs to the end of the file. */
    public static String remove(String stackrc) {
        StringBuilder out = new StringBuilder();
        boolean inside = false;
        for (String line : stackrc.split("(?<=\n)")) {
            String bare = line.strip();
            if (!inside && bare.equals(BEGIN)) {
                inside = true;
            } else if (inside && bare.equals(END)) {
                inside = false;
            } else if (!inside) {
                out.append(line);
            }
        }
        return out.toString();
    }
}
