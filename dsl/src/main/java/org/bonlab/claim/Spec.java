package org.bonlab.claim;

import java.util.List;

/**
 * A spec script for {@code bonlab check}: a public class with a public no-argument constructor that lists its
 * claims, each with the verdict it expects ({@link Claim#expecting}).
 */
public interface Spec {

    List<Claim> claims();
}
