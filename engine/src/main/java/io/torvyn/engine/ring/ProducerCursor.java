package io.torvyn.engine.ring;

/**
 * The producing stage's private view of a {@link Stream}: its last claimed sequence and its cached copy of the
 * consumer's sequence. These two words change on every claim and publish; kept in the {@link Stream} object itself they
 * shared a cache line with the fields the consumer reads on every poll (the ring, the policy), so each batch moved
 * that line between the producer's and the consumer's cores. Padded on both sides (fields of a superclass are laid
 * out before those of a subclass) so that nothing else lands on their line.
 */
final class ProducerCursor extends ProducerCursorFields {
    @SuppressWarnings("unused")
    private long q1, q2, q3, q4, q5, q6, q7, q8;
}

/** Fields of {@link ProducerCursor}, after the left padding. */
class ProducerCursorFields extends ProducerCursorPadding {
    long next = -1;
    long cachedConsumed = -1;
}

/** Left padding of {@link ProducerCursor}. */
class ProducerCursorPadding {
    @SuppressWarnings("unused")
    private long p1, p2, p3, p4, p5, p6, p7, p8;
}
