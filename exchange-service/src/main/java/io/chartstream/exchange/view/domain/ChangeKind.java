package io.chartstream.exchange.view.domain;

/** How an organization's view of a resource changed, as the feed contract spells it. */
public enum ChangeKind {
    ADDED("added"),
    AMENDED("amended"),
    /** the resource left the view: consent, a block or an ended relationship took it out */
    REMOVED("removed");

    private final String wire;

    ChangeKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
