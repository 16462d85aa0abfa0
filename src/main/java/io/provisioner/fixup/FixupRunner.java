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

    public FixupReport run(Fixup fixup, FixupContext ctx, boolean dryRun) {
        SecretMasker masker = ctx.masker();
        Detection found;
        try {
            found = fixup.detect(ctx);
        } catch (RemoteException | RuntimeException e) {
            return new FixupReport(fixup.name(), false, false, false, List.of(), masker.mask("detect failed: "
                    + e.getMessage()),
                    null);
        }
        List<String> findings = found.findings().stream().map(masker::mask).toList();
        if (dryRun) {
            String detail = found.found() ? "dry run: would " + fixup.describe(ctx) : "dry run: nothing to do";
            return new FixupReport(fixup.name(), found.found(), false, !found.found(), findings, masker.mask(detail), null);
        }
        boolean applied = false;
        String change = null;
        if (found.found()) {
            try {
                change = masker.mask(fixup.describe(ctx));
                fixup.apply(ctx, found);
                applied = true;
            } catch (RemoteException | RuntimeException e) {
                return new FixupReport(fixup.name(), true, false, false, findings, masker.mask("apply failed: "
                        + e.getMessage()),
                        change);
            }
        }
        try {
            Verification verification = fixup.verify(ctx);
            return new FixupReport(fixup.name(), found.found(), applied, verification.passed(), findings,
                    masker.mask(verification.detail()), change);
        } catch (RemoteException | RuntimeException e) {
            return new FixupReport(fixup.name(), found.found(), applied, false, findings, masker.mask("verify failed: "
                    + e.getMessage()),
                    change);
        }
    }
}
