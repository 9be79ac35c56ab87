package io.torvyn.perf;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.TorvynException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rows the suite can run, in the order they were registered (which is the order of the printed table). Exists
 * so that adding a row is one {@link #register(Scenario)} line and the harness never names a scenario itself.
 */
public final class ScenarioRegistry {

    private final Map<String, Scenario> byName = new LinkedHashMap<>();

    /**
     * Adds a row.
     *
     * @throws TorvynException {@code E0704} if a row of the same name is already registered
     */
    public ScenarioRegistry register(final Scenario scenario) {
        final String name = scenario.name();
        if (byName.containsKey(name)) {
            throw new TorvynException(ErrorCode.E0704, "scenario '" + name + "' is registered twice",
                "perf suite registry", "give every scenario a distinct name()");
        }
        byName.put(name, scenario);
        return this;
    }

    public Optional<Scenario> find(final String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<Scenario> all() {
        return new ArrayList<>(byName.values());
    }

    public List<String> names() {
        return new ArrayList<>(byName.keySet());
    }
}
