package io.provisioner.fixup;

import io.provisioner.remote.RemoteException;

/**
 * One repair for one known failure. {@link #detect} only reads; {@link #apply} changes only what detect
 * found, backs up every file it edits and is safe to run twice; {@link #verify} proves the symptom is gone.
 */
public interface Fixup {

    /** The catalog name, e.g. {@code mysql-root-password}. */
    String name();

    /** One line for {@code plan} and {@code --dry-run}: what apply would change on this host. */
    String describe(FixupContext ctx);

    Detection detect(FixupContext ctx) throws RemoteException;

    void apply(FixupContext ctx, Detection found) throws RemoteException;

    Verification verify(FixupContext ctx) throws RemoteException;
}
