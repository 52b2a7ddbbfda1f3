package org.bonlab.policy;

import java.util.Objects;

/**
 * A placeholder for a policy in a claim quantified over a family of policies ("for every policy p on L
 * outcomes"). A checker binds it to concrete policies; evaluating it unbound is an error.
 */
public record PolicyVar(String name) implements Policy {

    public PolicyVar {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public BasePolicy base() {
        throw new IllegalStateException("policy variable " + name
                + " must be bound to a policy before it is evaluated (claims bind it for each point they check)");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitPolicyVar(this);
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
