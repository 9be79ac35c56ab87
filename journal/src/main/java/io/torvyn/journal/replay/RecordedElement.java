package io.torvyn.journal.replay;

/**
 * One element a source emitted in the recorded run, reassembled from its source-payload records.
 *
 * @param sequence    its element sequence in the recorded run
 * @param requested   the size the source asked for when it allocated the buffer
 * @param payload     the bytes it published
 * @param contentType its content type, or null
 */
public record RecordedElement(long sequence, long requested, byte[] payload, String contentType) {
}
