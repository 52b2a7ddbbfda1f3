package org.bonlab.symbolic;

import java.util.Set;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Floating;
import org.bonlab.expr.Quantity;
import org.bonlab.expr.Rational;
import org.bonlab.policy.BasePolicy;
import org.bonlab.policy.BestOf;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;
import org.bonlab.policy.SoftBestOf;
import org.bonlab.policy.Tilted;
import org.bonlab.policy.WorstOf;

/**
 * Renders expressions as LaTeX (amsmath) in the papers' notation: \( \log 2 - h\left(2^{-n}\right) \),
 * \( \mathrm{KL}(\pi_n \,\|\, p) \), \( \frac{n-1}{n} \). Parentheses only where precedence needs them.
 */
public final class Latex implements Expr.Visitor<String> {

    private static final Latex PLAIN = new Latex(java.util.Map.of());
    private static final Set<String> GREEK = Set.of("alpha", "beta", "gamma", "delta", "epsilon", "varepsilon",
            "lambda", "mu", "pi", "theta", "sigma", "tau", "rho", "eta", "kappa", "nu");

    private static final int SUM = 1;
    private static final int PRODUCT = 2;
    private static final int POWER = 3;
    private static final int ATOM = 4;

    /**
     * The name under which each policy's reward is written, when an expression reads the rewards of more than one
     * policy (a proxy and a true reward): \( r_{\mathrm{truth}}(y) \); empty when it reads at most one, written
     * \( r(y) \).
     */
    private final java.util.Map<Object, String> rewardNames;

    private Latex(java.util.Map<Object, String> rewardNames) {
        this.rewardNames = rewardNames;
    }

    public static String render(Expr e) {
        java.util.Map<Object, String> names = rewardNames(e);
        return e.accept(names.size() > 1 ? new Latex(names) : PLAIN);
    }

    private String text(Expr e) {
        return e.accept(this);
    }

    /**
     * The policies whose rewards {@code e} reads ({@code r(y)} of a policy is the reward of its base policy, or of
     * the policy variable it transforms), each with its subscript: a policy variable's name, a named base policy's
     * name, otherwise its position among them.
     */
    private static java.util.Map<Object, String> rewardNames(Expr e) {
        java.util.Map<Object, String> names = new java.util.LinkedHashMap<>();
        new org.bonlab.expr.Rewrite() {
            @Override
            protected Expr after(Expr x) {
                if (x instanceof Expr.AtOutcome a && a.term() == Expr.AtOutcome.Term.REWARD) {
                    Object owner = rewardOwner(a.policy());
                    names.computeIfAbsent(owner, o -> o instanceof PolicyVar v ? Latex.policy(v)
                            : o instanceof org.bonlab.policy.Explicit x2 && !x2.describe().startsWith("pmf(")
                            ? "\\mathrm{" + TexDocument.text(x2.describe()) + "}" : Integer.toString(names.size() + 1));
                }
                return x;
            }
        }.apply(e);
        return names;
    }

    /** The policy variable or base policy whose reward a policy's outcomes carry. */
    private static Object rewardOwner(Policy p) {
        Policy at = p;
        while (true) {
            if (at instanceof PolicyVar || at instanceof BasePolicy) {
                return at;
            }
            Policy inner = at instanceof BestOf b ? b.policy() : at instanceof WorstOf w ? w.policy()
                    : at instanceof SoftBestOf s ? s.policy() : at instanceof Tilted t ? t.policy()
                    : at instanceof org.bonlab.policy.Reweighted r ? r.policy()
                    : at instanceof org.bonlab.policy.Weighted w2 ? w2.policy() : null;
            if (inner == null) {
                try {
                    return at.base();
                } catch (IllegalStateException unbound) {
                    return at; // a transform of an unbound variable that names no single inner policy
                }
            }
            at = inner;
        }
    }

    @Override
    public String visitNum(Expr.Num e) {
        if (e.value() instanceof Rational r) {
            if (r.isInteger()) {
                return r.numerator().toString();
            }
            String frac = "\\frac{" + r.numerator().abs() + "}{" + r.denominator() + "}";
            return r.signum() < 0 ? "-" + frac : frac;
        }
        return Double.toString(((Floating) e.value()).value());
    }

    @Override
    public String visitSym(Expr.Sym e) {
        String name = e.name();
        if (name.equals("eps")) {
            return "\\varepsilon"; // the papers' epsilon (a spike's top, eps_inf)
        }
        return GREEK.contains(name) ? "\\" + name : name.length() == 1 ? name : "\\mathit{" + name + "}";
    }

    @Override
    public String visitAdd(Expr.Add e) {
        if (e.right() instanceof Expr.Neg neg) {
            return text(e.left()) + " - " + wrap(neg.operand(), PRODUCT);
        }
        return text(e.left()) + " + " + text(e.right());
    }

    @Override
    public String visitSub(Expr.Sub e) {
        return text(e.left()) + " - " + wrap(e.right(), PRODUCT);
    }

    @Override
    public String visitMul(Expr.Mul e) {
        // a bare log reaches as far as the next factor (\log 3 n reads as the log of 3n): put it last
        boolean logFirst = e.left() instanceof Expr.Log && !(e.right() instanceof Expr.Log);
        String left = wrap(logFirst ? e.right() : e.left(), PRODUCT);
        String right = wrap(logFirst ? e.left() : e.right(), PRODUCT);
        boolean twoLogs = e.left() instanceof Expr.Log && e.right() instanceof Expr.Log; // \log 2 \log 3: log(2 log 3)?
        return left + (twoLogs || needsDot(left, right) ? " \\cdot " : " ") + right;
    }

    /**
     * Whether juxtaposing two factors would read as something else: a factor that starts with a digit
     * ({@code 3 2^{2n}} reads as 32^{2n}), or a fraction after a digit ({@code 3 \frac{1}{2}} reads as a mixed
     * number).
     */
    static boolean needsDot(String left, String right) {
        if (right.isEmpty() || left.isEmpty()) {
            return false;
        }
        char first = right.charAt(0);
        boolean leftEndsInDigit = Character.isDigit(left.charAt(left.length() - 1));
        return Character.isDigit(first) || first == '.' || leftEndsInDigit && right.startsWith("\\frac");
    }

    @Override
    public String visitDiv(Expr.Div e) {
        return "\\frac{" + text(e.numerator()) + "}{" + text(e.denominator()) + "}";
    }

    @Override
    public String visitNeg(Expr.Neg e) {
        return "-" + wrap(e.operand(), PRODUCT);
    }

    @Override
    public String visitPow(Expr.Pow e) {
        return wrap(e.base(), ATOM) + "^{" + text(e.exponent()) + "}";
    }

    @Override
    public String visitLog(Expr.Log e) {
        Expr x = e.operand();
        boolean bare = x instanceof Expr.Sym
                || x instanceof Expr.Num num && num.value() instanceof Rational r && r.isInteger() && r.signum() > 0;
        return bare ? "\\log " + text(x) : "\\log\\left(" + text(x) + "\\right)";
    }

    @Override
    public String visitExp(Expr.Exp e) {
        return "e^{" + text(e.operand()) + "}";
    }

    @Override
    public String visitAbs(Expr.Abs e) {
        return "\\left|" + text(e.operand()) + "\\right|";
    }

    @Override
    public String visitExpectation(Expr.Expectation e) {
        return "\\mathbb{E}_{y \\sim " + policy(e.over()) + "}\\left[" + text(e.body()) + "\\right]";
    }

    @Override
    public String visitOutcomeSum(Expr.OutcomeSum e) {
        return "\\sum_{y} " + wrap(e.body(), PRODUCT);
    }

    @Override
    public String visitAtOutcome(Expr.AtOutcome e) {
        return switch (e.term()) {
            case PROBABILITY -> policy(e.policy()) + "(y)";
            case CDF -> "F_{" + policy(e.policy()) + "}(y)";
            case CDF_BELOW -> "F^{-}_{" + policy(e.policy()) + "}(y)";
            case REWARD_CDF -> "G_{" + policy(e.policy()) + "}(y)";
            case REWARD_CDF_BELOW -> "G^{-}_{" + policy(e.policy()) + "}(y)";
            case REWARD -> rewardNames.isEmpty() ? "r(y)" : "r_{" + rewardNames.get(rewardOwner(e.policy())) + "}(y)";
        };
    }

    @Override
    public String visitPolicyNumber(Expr.PolicyNumber e) {
        return switch (e.stat()) {
            case OUTCOMES -> "\\left|\\mathcal{Y}\\right|";
            case TOP_PROBABILITY -> "\\varepsilon_{\\infty}";
            case MAX_PROBABILITY -> "\\max_{y} " + policy(e.policy()) + "(y)";
        };
    }

    @Override
    public String visitDefined(Expr.Defined e) {
        return "\\mathrm{" + TexDocument.text(e.name()) + "}";
    }

    @Override
    public String visitBinaryEntropy(Expr.BinaryEntropy e) {
        return "h\\left(" + text(e.operand()) + "\\right)";
    }

    @Override
    public String visitBinomial(Expr.Binomial e) {
        return "\\binom{" + text(e.n()) + "}{" + text(e.k()) + "}";
    }

    @Override
    public String visitSum(Expr.Sum e) {
        return "\\sum_{" + text(e.index()) + "=" + text(e.lower()) + "}^{" + text(e.upper()) + "} "
                + wrap(e.body(), PRODUCT);
    }

    @Override
    public String visitIntegral(Expr.Integral e) {
        return "\\int_{" + text(e.lower()) + "}^{" + text(e.upper()) + "} " + wrap(e.body(), PRODUCT) + " \\,d"
                + text(e.variable());
    }

    @Override
    public String visitKl(Quantity.Kl e) {
        return "\\mathrm{KL}\\left(" + policy(e.q()) + " \\,\\|\\, " + policy(e.p()) + "\\right)";
    }

    @Override
    public String visitAnalyticalKl(Quantity.AnalyticalKl e) {
        // Eq. (5) of Beirami et al.: the analytical formula log n - (n-1)/n under its name in the paper
        return "\\widetilde{\\mathrm{KL}}_{" + text(e.n()) + "}";
    }

    @Override
    public String visitExpectedReward(Quantity.ExpectedReward e) {
        return "\\mathbb{E}_{" + policy(e.q()) + "}\\left[r\\right]";
    }

    @Override
    public String visitWinRate(Quantity.WinRate e) {
        String name = e.ties() == Quantity.Ties.HALF ? "W_{1/2}" : "W_{>}";
        return name + "\\left(" + policy(e.q()) + ", " + policy(e.p()) + "\\right)";
    }

    @Override
    public String visitEntropy(Quantity.Entropy e) {
        return "H\\left(" + policy(e.q()) + "\\right)";
    }

    @Override
    public String visitRenyiEntropy(Quantity.RenyiEntropy e) {
        return "H_{" + text(e.alpha()) + "}\\left(" + policy(e.q()) + "\\right)";
    }

    @Override
    public String visitChiSquare(Quantity.ChiSquare e) {
        return "\\chi^{2}\\left(" + policy(e.q()) + " \\,\\|\\, " + policy(e.p()) + "\\right)";
    }

    @Override
    public String visitEstimatorAt(Quantity.EstimatorAt e) {
        return estimator(e.estimator()) + "\\left(" + text(e.epsilon()) + "\\right)";
    }

    @Override
    public String visitEstimatorMean(Quantity.EstimatorMean e) {
        return "\\mathbb{E}_{y \\sim \\pi_{" + text(e.n()) + "}}\\left[" + estimator(e.estimator())
                + "\\left(p(y)\\right)\\right]";
    }

    @Override
    public String visitBound(Quantity.Bound e) {
        return "B_{\\mathrm{" + e.kind().columnName().replace("_", "\\_") + "}}\\left(" + text(e.n()) + "\\right)";
    }

    @Override
    public String visitVbonObjective(Quantity.VbonObjective e) {
        return "\\mathcal{J}^{\\mathrm{vBoN}}\\left(\\theta\\right)";
    }

    @Override
    public String visitVbonBound(Quantity.VbonBound e) {
        return e.kind() == Quantity.VbonBoundKind.L ? "L\\left(\\theta\\right)" : "L_{1}\\left(\\theta\\right)";
    }

    private static String estimator(Quantity.Estimator e) {
        return e == Quantity.Estimator.KL_HAT ? "\\widehat{\\mathrm{KL}}" : "\\widehat{\\mathrm{KL}}_{1}";
    }

    /**
     * Each policy its own notation: \( \pi_{n} \) for best-of-n, \( \pi^{-}_{n} \) for worst-of-n,
     * \( \pi^{\mathrm{soft}}_{n,\lambda} \) for soft best-of-n, \( \pi^{*}_{\beta} \) for the tilted optimum, a
     * policy variable by its name, \( p \) for the base policy; a transform of a transform names its argument.
     */
    static String policy(Policy p) {
        if (p instanceof BestOf b) {
            return b.policy() instanceof BasePolicy ? "\\pi_{" + render(b.n()) + "}"
                    : "\\mathrm{BoN}_{" + render(b.n()) + "}\\left(" + policy(b.policy()) + "\\right)";
        }
        if (p instanceof WorstOf w) {
            return w.policy() instanceof BasePolicy ? "\\pi^{-}_{" + render(w.n()) + "}"
                    : "\\mathrm{WoN}_{" + render(w.n()) + "}\\left(" + policy(w.policy()) + "\\right)";
        }
        if (p instanceof SoftBestOf s) {
            String sub = render(s.n()) + ", " + render(s.lambda());
            return s.policy() instanceof BasePolicy ? "\\pi^{\\mathrm{soft}}_{" + sub + "}"
                    : "\\mathrm{SBoN}_{" + sub + "}\\left(" + policy(s.policy()) + "\\right)";
        }
        if (p instanceof Tilted t) {
            return t.policy() instanceof BasePolicy ? "\\pi^{*}_{" + render(t.beta()) + "}"
                    : "\\mathrm{Tilt}_{" + render(t.beta()) + "}\\left(" + policy(t.policy()) + "\\right)";
        }
        if (p instanceof org.bonlab.policy.Mixture) {
            return "\\bar{\\pi}";
        }
        if (p instanceof org.bonlab.policy.Reweighted r) {
            return "\\tilde{\\pi}_{" + render(r.logWeight()) + "}";
        }
        if (p instanceof PolicyVar v) {
            return v.name().length() == 1 ? v.name() : "\\mathrm{" + v.name().replace("_", "\\_") + "}";
        }
        return "p";
    }

    private static int precedence(Expr e) {
        if (e instanceof Expr.Add || e instanceof Expr.Sub) {
            return SUM;
        }
        if (e instanceof Expr.Neg || e instanceof Expr.Mul) {
            return PRODUCT;
        }
        if (e instanceof Expr.Div) {
            return POWER; // \frac is self-delimiting, except as the base of a power
        }
        if (e instanceof Expr.Pow || e instanceof Expr.Exp) {
            return POWER; // e^{x} as the base of a power would be a double superscript
        }
        if (e instanceof Expr.Log) {
            return PRODUCT; // \log 3^{-1} would read as the log of 1/3
        }
        if (e instanceof Expr.Num num) {
            boolean plainInteger = num.value() instanceof Rational r && r.isInteger() && r.signum() >= 0;
            return plainInteger ? ATOM : PRODUCT;
        }
        return ATOM;
    }

    private String wrap(Expr e, int context) {
        String s = text(e);
        return precedence(e) < context ? "\\left(" + s + "\\right)" : s;
    }
}
