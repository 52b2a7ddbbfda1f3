package org.bonlab.claim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Map;
import org.bonlab.expr.Expr;
import org.bonlab.policy.PolicyVar;

/**
 * A statement {@code lhs REL rhs} that should hold for every point of its domain, e.g. Theorem 1 of Beirami
 * et al.: \( \mathrm{KL}(\pi_n \| p) \le \log n - (n-1)/n \) for n in 1..10^6. A claim is a value; checking
 * it is an engine's job, and the result is a verdict, not an exception.
 */
public record Claim(String name, Expr lhs, Relation relation, Expr rhs, List<Range> domain,
        Map<PolicyVar, Family> policies, Expectation expected) {

    /** A claim over symbols only. */
    public Claim(String name, Expr lhs, Relation relation, Expr rhs, List<Range> domain) {
        this(name, lhs, relation, rhs, domain, Map.of(), Expectation.NONE);
    }

    /** A claim over symbols and policies, with no expected verdict. */
    public Claim(String name, Expr lhs, Relation relation, Expr rhs, List<Range> domain,
            Map<PolicyVar, Family> policies) {
        this(name, lhs, relation, rhs, domain, policies, Expectation.NONE);
    }

    /** The same claim, with the verdict a spec expects for it. */
    public Claim expecting(Expectation expectation) {
        return new Claim(name, lhs, relation, rhs, domain, policies, expectation);
    }

    public Claim {
        Objects.requireNonNull(name, "name");
        policies = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(policies));
        Objects.requireNonNull(expected, "expected");
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

    /**
     * The same claim, also quantified over the integers {@code from..to} for {@code symbol}; with
     * {@code to = Range.INFINITY}, over every integer from {@code from} on.
     */
    public Claim forAll(Expr.Sym symbol, long from, long to) {
        List<Range> d = new ArrayList<>(domain);
        d.add(new Range.Integers(symbol, from, to));
        return new Claim(name, lhs, relation, rhs, d, policies, expected);
    }

    /** The same claim, also quantified over the reals in (lower, upper) for {@code symbol} (ends may be infinite). */
    public Claim forAllReals(Expr.Sym symbol, double lower, double upper) {
        List<Range> d = new ArrayList<>(domain);
        d.add(new Range.Reals(symbol, lower, upper));
        return new Claim(name, lhs, relation, rhs, d, policies, expected);
    }

    /** The same claim, also quantified over the policies of {@code family} for the variable {@code p}. */
    public Claim forAll(PolicyVar p, Family family) {
        PolicyVar base = family instanceof Family.SameOutcomes s ? s.other()
                : family instanceof Family.SameProbabilities s ? s.other() : null;
        if (base != null && !policies.containsKey(base)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "family of %s must build on a policy "
                    + "variable quantified before it, but %s is not (yet) in %s", p.name(), base.name(),
                    policies.keySet()));
        }
        Map<PolicyVar, Family> m = new java.util.LinkedHashMap<>(policies);
        if (m.put(p, family) != null) {
            throw new IllegalArgumentException("policies must give each variable one family, but " + p.name()
                    + " has two");
        }
        return new Claim(name, lhs, relation, rhs, domain, m, expected);
    }

    /** The same claim under a name (e.g. "Theorem 1"). */
    public Claim named(String newName) {
        return new Claim(newName, lhs, relation, rhs, domain, policies, expected);
    }

    /** The claim as written, e.g. {@code KL(bestOf(coin, n) || coin) <= log(n) - (n - 1)/n for n in {1, ..., 10}}. */
    public String statement() {
        StringBuilder sb = new StringBuilder(lhs.show()).append(' ').append(relation.symbol()).append(' ')
                .append(rhs.show());
        List<String> parts = new ArrayList<>();
        policies.forEach((k, v) -> parts.add(k.name() + " in " + describe(v)));
        domain.forEach(r -> parts.add(r.toString()));
        if (!parts.isEmpty()) {
            sb.append(" for ").append(String.join(", ", parts));
        }
        return sb.toString();
    }

    static String describe(Family f) {
        if (f instanceof Family.Named n) {
            return "{" + n.policy().describe() + "}";
        }
        if (f instanceof Family.Bernoulli) {
            return "bernoulli(p), p in (0, 1)";
        }
        if (f instanceof Family.Simplex s) {
            return String.format(Locale.ROOT, "all policies on %s outcomes (%s rewards)",
                    s.minSize() == s.maxSize() ? Integer.toString(s.minSize()) : s.minSize() + ".." + s.maxSize(),
                    s.rewards().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        if (f instanceof Family.SameProbabilities s) {
            return String.format(Locale.ROOT, "%s with a second reward (%s)", s.other().name(),
                    s.rewards().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        return "all policies on the outcomes of " + ((Family.SameOutcomes) f).other().name();
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
