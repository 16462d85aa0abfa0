package io.provisioner.fixup;

import io.provisioner.remote.RemoteException;
import io.provisioner.spec.SecretMasker;

import java.util.List;

/**
 * detect, then apply only when something was found, then verify. A dry run stops after detect and
 * says what apply would do. Every message leaves through the masker; a failure on the way (including
 * the target being unreachable) becomes an unverified report, never an exception.
 */
public final class FixupRunner {

    public FixupReport run(Fixup f, FixupContext ctx, boolean dryRun) {
        SecretMasker m = ctx.masker();
        Detection found;
        try {
            found = f.detect(ctx);
        } catch (RemoteException | RuntimeException e) {
            return new FixupReport(f.name(), false, false, false, List.of(), m.mask("detect failed: " + e.getMessage()),
                    null);
        }
        List<String> findings = found.findings().stream().map(m::mask).toList();
        if (dryRun) {
            String detail = found.found() ? "dry run: would " + f.describe(ctx) : "dry run: nothing to do";
            return new FixupReport(f.name(), found.found(), false, !found.found(), findings, m.mask(detail), null);
        }
        boolean applied = false;
        String change = null;
        if (found.found()) {
            try {
                change = m.mask(f.describe(ctx));
                f.apply(ctx, found);
                applied = true;
            } catch (RemoteException | RuntimeException e) {
                return new FixupReport(f.name(), true, false, false, findings, m.mask("apply failed: " + e.getMessage()),
                        change);
            }
        }
        try {
            Verification v = f.verify(ctx);
            return new FixupReport(f.name(), found.found(), applied, v.passed(), findings, m.mask(v.detail()), change);
        } catch (RemoteException | RuntimeException e) {
            return new FixupReport(f.name(), found.found(), applied, false, findings, m.mask("verify failed: " + e.getMessage()),
                    change);
        }
    }
}
