package org.bonlab.claim;

/** How the two sides of a claim compare. */
public enum Relation {
    AT_MOST("<="),
    AT_LEAST(">="),
    EQUALS("==");

    private final String symbol;

    Relation(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }
}
