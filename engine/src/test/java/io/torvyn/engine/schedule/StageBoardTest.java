package io.torvyn.engine.schedule;

import io.torvyn.engine.stage.Stage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The board's words: a move is asked for, then done by the runner; a closed stage is nobody's. */
class StageBoardTest {

    @Test
    void aMoveIsAskedForByTheBalancerAndDoneByTheRunner() {
        final StageBoard board = new StageBoard(new Stage[3], new int[] {0, 0, 1}, 2, true);
        assertTrue(board.settled());
        board.assign(new int[] {0, 1, 1});
        assertArrayEquals(new int[] {0, 1, 1}, board.assignment());
        assertEquals(0, board.runnerOf(1), "the runner keeps the stage until it hands it over");
        assertFalse(board.settled());
        board.handOver(1, 1);
        assertEquals(1, board.runnerOf(1));
        assertTrue(board.settled());
    }

    @Test
    void closedStagesAreSettledAndTheBoardEndsWhenAllAre() {
        final StageBoard board = new StageBoard(new Stage[2], new int[] {0, 1}, 2, false);
        board.closed(0);
        assertEquals(StageBoard.CLOSED, board.runnerOf(0));
        assertFalse(board.allClosed());
        board.assign(new int[] {1, 1});
        board.handOver(1, 1);
        assertTrue(board.settled(), "a closed stage is not waiting for a move");
        board.closed(1);
        assertTrue(board.allClosed());
    }

    @Test
    void aRetiredWorkerIsMarked() {
        final StageBoard board = new StageBoard(new Stage[2], new int[] {0, 1}, 2, true);
        assertFalse(board.isRetired(1));
        board.retire(1);
        assertTrue(board.isRetired(1));
        assertFalse(board.isRetired(0));
    }

    @Test
    void anAbandonedBoardSaysSo() {
        final StageBoard board = new StageBoard(new Stage[2], new int[] {0, 0}, 2, true);
        assertFalse(board.abandoned());
        board.abandon();
        assertTrue(board.abandoned(), "idle workers stop even though stage 0 and 1 never closed");
        assertFalse(board.allClosed());
    }

    @Test
    void refusesLayoutsThatDoNotFit() {
        assertThrows(IllegalArgumentException.class, () -> new StageBoard(new Stage[2], new int[] {0}, 1, true));
        assertThrows(IllegalArgumentException.class, () -> new StageBoard(new Stage[2], new int[] {0, 2}, 2, true));
        final StageBoard board = new StageBoard(new Stage[2], new int[] {0, 1}, 2, true);
        assertThrows(IllegalArgumentException.class, () -> board.assign(new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> board.assign(new int[] {1, -1}));
        assertArrayEquals(new int[] {0, 1}, board.assignment(), "a refused layout changes nothing");
    }
}
