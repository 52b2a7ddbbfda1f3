package org.bonlab.claim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.bonlab.expr.Expr;

/**
 * A statement {@code lhs REL rhs} that should hold for every point of its domain, e.g. Theorem 1 of Beirami
 * et al.: \( \mathrm{KL}(\pi_n \| p) \le \log n - (n-1)/n \) for n in 1..10^6. A claim is a value; checking
 * it is an engine's job, and the result is a verdict, not an exception.
 */
public record Claim(String name, Expr lhs, Relation relation, Expr rhs, List<Range> domain) {

    public Claim {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lhs, "lhs");
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(rhs, "rhs");
        domain = List.copyOf(domain);
        for (int i = 0; i < domain.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (domain.get(i).symbol().equals(domain.get(j).symbol())) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "domain must give each symbol one range, but %s has two",
                            domain.get(i).symbol().name()));
                }
            }
        }
    }

    /** Starts a claim about {@code lhs}. */
    public static Builder that(Expr lhs) {
        return new Builder(lhs);
    }

    /** The same claim, also quantified over the integers {@code from..to} for {@code symbol}. */
    public Claim forAll(Expr.Sym symbol, long from, long to) {
        List<Range> d = new ArrayList<>(domain);
        d.add(new Range.Integers(symbol, from, to));
        return new Claim(name, lhs, relation, rhs, d);
    }

    /** The same claim under a name (e.g. "Theorem 1"). */
    public Claim named(String newName) {
        return new Claim(newName, lhs, relation, rhs, domain);
    }

    /** The claim as written, e.g. {@code KL(bestOf(coin, n) || coin) <= log(n) - (n - 1)/n for n in {1, ..., 10}}. */
    public String statement() {
        StringBuilder sb = new StringBuilder(lhs.show()).append(' ').append(relation.symbol()).append(' ')
                .append(rhs.show());
        if (!domain.isEmpty()) {
            sb.append(" for ");
            for (int i = 0; i < domain.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(domain.get(i));
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return name + ": " + statement();
    }

    /** The first step of a claim: what is compared. */
    public static final class Builder {
        private final Expr lhs;

        private Builder(Expr lhs) {
            this.lhs = Objects.requireNonNull(lhs, "lhs");
        }

        public Claim atMost(Expr rhs) {
            return new Claim(defaultName(), lhs, Relation.AT_MOST, rhs, List.of());
        }

        public Claim atLeast(Expr rhs) {
            return new Claim(defaultName(), lhs, Relation.AT_LEAST, rhs, List.of());
        }

        public Claim isEqualTo(Expr rhs) {
            return new Claim(defaultName(), lhs, Relation.EQUALS, rhs, List.of());
        }

        private String defaultName() {
            return "claim";
        }
    }
}
