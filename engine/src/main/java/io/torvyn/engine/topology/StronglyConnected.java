package io.torvyn.engine.topology;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Tarjan's strongly connected components of a small directed graph. A component of more than one node is a cycle
 * (self-loops are rejected before), so the topology check can name every cycle, not only the first it trips over.
 */
final class StronglyConnected {

    private final List<List<Integer>> successors;
    private final int[] index;
    private final int[] lowLink;
    private final boolean[] onStack;
    private final Deque<Integer> stack = new ArrayDeque<>();
    private final List<List<Integer>> components = new ArrayList<>();
    private int next;

    StronglyConnected(final List<List<Integer>> successors) {
        this.successors = successors;
        this.index = new int[successors.size()];
        this.lowLink = new int[successors.size()];
        this.onStack = new boolean[successors.size()];
        Arrays.fill(index, -1);
    }

    /** Every component, each a list of node indices. */
    List<List<Integer>> components() {
        for (int v = 0; v < successors.size(); v++) {
            if (index[v] < 0) {
                visit(v);
            }
        }
        return components;
    }

    private void visit(final int v) {
        index[v] = next;
        lowLink[v] = next;
        next++;
        stack.push(v);
        onStack[v] = true;
        for (final int w : successors.get(v)) {
            if (index[w] < 0) {
                visit(w);
                lowLink[v] = Math.min(lowLink[v], lowLink[w]);
            } else if (onStack[w]) {
                lowLink[v] = Math.min(lowLink[v], index[w]);
            }
        }
        if (lowLink[v] == index[v]) {
            final List<Integer> component = new ArrayList<>();
            int w;
            do {
                w = stack.pop();
                onStack[w] = false;
                component.add(w);
            } while (w != v);
            components.add(component);
        }
    }
}
