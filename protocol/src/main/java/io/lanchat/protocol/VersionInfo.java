package io.lanchat.protocol;

/**
 * Which version of a message is shown, and how many it has ("‹ 2/3 ›"). Present only on messages with two or more.
 *
 * @param index the version shown, from 1
 * @param count how many versions the message has, 2 or more
 */
public record VersionInfo(int index, int count) {
    public VersionInfo {
        if (count < 2 || index < 1 || index > count) {
            throw new IllegalArgumentException("a version index is 1.." + count + " of 2 or more, not " + index);
        }
    }
}
