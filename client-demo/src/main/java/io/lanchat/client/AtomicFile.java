package io.lanchat.client;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file whole or not at all: the content goes to a temporary file beside it, which is then renamed over
 * the target, so a crash or a full disk never leaves half an export or half an owner key behind.
 */
final class AtomicFile {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private AtomicFile() {
    }

    /**
     * @param ownerOnly create the file readable by its owner only (0600), and a missing parent directory 0700:
     *                  for secrets; where the file system has no POSIX permissions, this is skipped
     */
    static void write(Path target, byte[] content, boolean ownerOnly) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (!Files.isDirectory(dir)) {
            if (ownerOnly && POSIX) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        FileAttribute<?>[] attributes = ownerOnly && POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp", attributes);
        try {
            Files.write(temp, content);
            if (!ownerOnly && POSIX) {
                // createTempFile makes 0600; an export is an ordinary file, as the user's umask would make it.
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
