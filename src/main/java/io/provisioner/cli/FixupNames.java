package io.provisioner.cli;

import io.provisioner.fixup.FixupCatalog;

import java.util.Iterator;

/** The fix-up names {@code fixup NAME} accepts, for help and shell completion. */
final class FixupNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return FixupCatalog.names().iterator();
    }
}
