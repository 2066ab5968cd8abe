package io.chartstream.exchange.view.domain;

/** How an organization's view of a resource changed, as the feed contract spells it. */
public enum ChangeKind {
    ADDED("added"),
    AMENDED("amended"),
    /** the resource left the view: consent, a block or an ended relationship took it out */
    REMOVED("removed"),
    /**
     * the entry was entered in error and left every view. Published as {@code removed}, so a
     * consumer of ViewChanged.v1 drops it as it should; the resource stub's tag says why.
     */
    ENTERED_IN_ERROR("removed");

    private final String wire;

    ChangeKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Whether the resource leaves the view (nothing of it is held afterwards). */
    public boolean leavesView() {
        return this == REMOVED || this == ENTERED_IN_ERROR;
    }
}
