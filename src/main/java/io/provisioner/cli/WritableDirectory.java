package io.provisioner.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An output directory checked before any work starts: created if missing, and written to once (a file
 * created and removed), because only a real write tells a read-only mount or a file in the way.
 */
final class WritableDirectory {
    private WritableDirectory() {
    }

    /** The directory, ready for writing, or a {@link UserError} naming {@code option}, the path and the reason. */
    static Path require(Path dir, String option) {
        String where = option + " " + dir + ": ";
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserError(ExitCodes.BAD_INPUT, where + "is a file, not a directory; give a directory");
        }
        try {
            Files.createDirectories(dir);
            Path check = Files.createTempFile(dir, ".provisioner-write-check", "");
            Files.delete(check);
        } catch (FileSystemException e) {
            throw new UserError(ExitCodes.BAD_INPUT, where + "cannot write there (" + reason(e) + "); give a directory you can write");
        } catch (IOException e) {
            throw new UserError(ExitCodes.BAD_INPUT, where + "cannot write there (" + e.getMessage() + ")");
        }
        return dir;
    }

    /** "Not a directory", "Read-only file system", "Permission denied": the OS's words, without the path again. */
    static String reason(FileSystemException e) {
        if (e.getReason() != null) {
            return (e.getFile() != null && !e.getFile().isEmpty() ? e.getFile() + ": " : "") + e.getReason();
        }
        String kind = e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2");
        return (e.getFile() == null ? "" : e.getFile() + ": ") + kind.toLowerCase(java.util.Locale.ROOT);
    }
}
