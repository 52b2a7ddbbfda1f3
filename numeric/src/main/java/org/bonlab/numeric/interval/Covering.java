package org.bonlab.numeric.interval;

import java.util.List;

/**
 * The covering behind an interval proof: the pieces of the claim's domain, each with the certified lower bound
 * of the claim's margin on it. With the claim, it is everything a re-check needs ({@link CertificateVerifier}).
 *
 * @param kind how the domain is parametrised (which certifier made the proof)
 * @param pieces every piece on which the margin was enclosed, in the order they were certified
 * @param argument for {@link Kind#ARGUMENT}, the name of the argument ({@link IntervalCertifier#ARGUMENTS}); for
 *     another kind, the argument whose bound B the claim is weaker than ({@link WeakeningCertifier}), the pieces
 *     then covering the claim {@code B <= big}; empty otherwise
 */
public record Covering(Kind kind, List<Piece> pieces, String argument) {

    /** How the pieces are read. */
    public enum Kind {
        /**
         * Every policy on 2 or 3 outcomes ({@link SimplexCertifier}): a piece is a part (a number of outcomes and
         * a tie pattern, in the order the certifier lists them), a box of n and a box of the CDF F_1, ..., F_{size-1}
         * in rank order (F_size = 1; the probabilities are the CDF's differences).
         */
        SIMPLEX,
        /**
         * Fixed policies over integer ranges: a piece is a box of consecutive integers [nLo, nHi] of the first range.
         * With several ranges, the part is the point of the ranges after the first (numbered with the last range
         * fastest, as the certifier visits them), at which a piece is one n.
         */
        N_BOXES,
        /**
         * Fixed policies and one continuous parameter (p of a bernoulli(p) family, or a real symbol) over integer
         * ranges: a piece is one n (nLo = nHi) of the first range and a box of the parameter; with several ranges,
         * the part is the point of the others, as for {@link #N_BOXES}.
         */
        PARAMETER,
        /**
         * Thm 2 or Cor 2 (times a constant c) over every policy on at most L outcomes, by the argument of
         * {@link GapBoundCertifier}, which needs nothing of the policy but L: a piece is a box of integers
         * [nLo, nHi] (nHi may be +infinity) with no coordinates. A re-check settles each piece by the integer
         * condition L(n-1) <= 2c n^2 at all its n or, for a single n, by an enclosure of 2c n(n-1)/L - L_n; the
         * margin is the certified room the argument leaves there (0 where the integer condition settles it). With
         * the argument {@code quantile-cells} ({@link QuantileCellLemma}, any number of outcomes), the pieces only
         * cover the range (margin 0), and a re-check runs the lemma's boxes and its conditions on c again.
         */
        GAP_BOUND,
        /**
         * Conjecture 4.4 over every policy on one or two outcomes ({@link TwoOutcomeEstimatorCertifier}): the margin
         * is a^n G (a the lower outcome's probability), and a piece has one coordinate, a. Part 0: one n >= 2 and a
         * box of a in [0, 1/2] on which G >= margin; part 1: one n >= 2 and a box of a in [1/2, 1] on which
         * G/(1 - a) >= margin; part 2: n = 1 (the margin is 0); part 3: every n from its nLo >= 10 on, by the lemmas
         * uniform in n, whose numeric conditions a re-check evaluates again.
         */
        ESTIMATOR_TWO_OUTCOMES,
        /**
         * Thm 1 over every policy on one or two outcomes, or bernoulli(p) ({@link TwoOutcomeKlCertifier}): the
         * pieces of the boxes' covering for n below 10, read as {@link #SIMPLEX} (over a simplex) or
         * {@link #PARAMETER} (over bernoulli(p)), and pieces with the part after the last of those parts and no
         * coordinates: every n of the piece (from 10 on) by the argument uniform in n, whose numeric conditions a
         * re-check evaluates again.
         */
        TWO_OUTCOME_KL,
        /**
         * A proof with no numeric step, by one of the arguments valid on the whole domain that take a claim by its
         * exact form (the quantile coupling, Lemma 2 term by term, the top outcome split off, vBoN's bounds term by
         * term, Cor 1 as an average): no pieces, and the argument's name. A re-check rebuilds the claim from the
         * spec and confirms that the named argument, and no other, takes it and proves it for its whole domain;
         * there is no arithmetic to repeat, so what is re-checked is the claim's form.
         */
        ARGUMENT
    }

    /** One piece: part index, n in [nLo, nHi] (nHi may be +infinity), coordinates in [lo, hi], margin >= margin. */
    public record Piece(int part, double nLo, double nHi, double[] lo, double[] hi, double margin) {
    }

    public Covering {
        pieces = List.copyOf(pieces);
        java.util.Objects.requireNonNull(argument, "argument");
        if (kind == Kind.ARGUMENT && (argument.isEmpty() || !pieces.isEmpty())) {
            throw new IllegalArgumentException("a covering of kind ARGUMENT names its argument and has no pieces");
        }
    }

    /** A covering by pieces (every kind but {@link Kind#ARGUMENT}). */
    public Covering(Kind kind, List<Piece> pieces) {
        this(kind, pieces, "");
    }

    /** The covering of a proof by the argument named {@code argument}, which has no numeric step. */
    public static Covering argument(String argument) {
        return new Covering(Kind.ARGUMENT, List.of(), argument);
    }
}
