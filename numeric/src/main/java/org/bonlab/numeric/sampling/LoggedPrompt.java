package org.bonlab.numeric.sampling;

import java.util.Locale;

/**
 * The logged responses to one prompt: for each, the reference policy's log-probability of the whole response
 * (natural log, at most 0), the proxy reward used for selection and, optionally, a gold reward.
 *
 * @param gold the gold rewards, or an empty array when the log has none
 */
public record LoggedPrompt(String prompt, double[] logProbability, double[] reward, double[] gold) {

    public LoggedPrompt {
        if (logProbability.length != reward.length || gold.length != 0 && gold.length != reward.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "prompt '%s' must have one log-probability, "
                    + "one reward and (if any) one gold reward per response, but has %d, %d and %d", prompt,
                    logProbability.length, reward.length, gold.length));
        }
    }

    /** The number of logged responses. */
    public int size() {
        return reward.length;
    }

    public boolean hasGold() {
        return gold.length > 0;
    }
}
