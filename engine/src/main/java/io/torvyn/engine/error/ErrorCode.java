package io.torvyn.engine.error;

/**
 * The stable error catalogue of spec/errors.md. Codes are never reused; each carries the process exit code the CLI
 * returns for it, so every layer can fail with a code and the launcher never has to guess.
 */
public enum ErrorCode {
    E0001("ManifestNotFound", 2),
    E0003("DirectoryExists", 2),
    E0010("ToolchainMissing", 4),
    E0020("IoError", 2),
    E0100("ModuleInvalid", 1),
    E0101("ExportMissing", 1),
    E0102("ImportUnknown", 1),
    E0103("SignatureMismatch", 1),
    E0110("ContractVersionUnsupported", 1),
    E0200("TopologyInvalid", 1),
    E0201("NodeUnknown", 1),
    E0204("RouterPortUnknown", 1),
    E0205("FanLimitExceeded", 1),
    E0210("ComponentNotFound", 1),
    E0300("AllocationFailed", 1),
    E0301("PoolExhausted", 1),
    E0302("NotOwner", 1),
    E0303("StaleHandle", 1),
    E0305("CapacityExceeded", 1),
    E0310("BudgetExceeded", 1),
    E0400("FlowDeadlineExceeded", 1),
    E0401("ComponentTimeout", 1),
    E0402("FlowCancelled", 130),
    E0403("ComponentTrap", 1),
    E0404("ComponentMemoryExceeded", 1),
    E0405("ComponentError", 1),
    E0410("FatalComponentError", 1),
    E0411("BackpressureOverflow", 1),
    E0500("CapabilityDenied", 1),
    E0600("JournalCorrupt", 1),
    E0601("JournalNotFound", 1),
    E0602("ReplayDiverged", 1),
    E0650("BaselineNotFound", 2),
    E0651("BaselineIncompatible", 2),
    E0700("ConfigSyntax", 2),
    E0701("ConfigMissingField", 2),
    E0702("ConfigInvalidValue", 2),
    E0703("ConfigUnknownKey", 2),
    E0704("ConfigDuplicate", 2),
    E0705("ConfigEnvUnset", 2),
    E0900("Internal", 1);

    private final String title;
    private final int exitCode;

    ErrorCode(final String title, final int exitCode) {
        this.title = title;
        this.exitCode = exitCode;
    }

    public String title() {
        return title;
    }

    public int exitCode() {
        return exitCode;
    }

    /** True for codes that describe a configuration or I/O problem (exit 2 wins in a mixed `check`). */
    public boolean isConfigProblem() {
        return exitCode == 2;
    }
}
