package workbench.core.sampling;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every knob of next-token sampling, saved and restored as a whole ({@link #format()} /
 * {@link #parse(String)}), so that a screen state or a command line run can be repeated exactly.
 *
 * @param mode              {@link Mode#GREEDY} always takes the most likely token; {@link Mode#RANDOM} draws one
 * @param temperature       in [0, 5]; logits are divided by it. 0 is defined as the limit T -> 0+: all
 *                          probability on the largest logit (shared equally if several tie for largest)
 * @param topK              keep the k most likely tokens; 0 means off, and k >= the vocabulary size cuts nothing
 * @param topP              in [0, 1]; keep the smallest set of most likely tokens whose probability reaches p.
 *                          1 means off; 0 keeps only the most likely token
 * @param repetitionPenalty in [1, 10]; CTRL's penalty on tokens already in the text, 1 means off
 * @param maxNewTokens      in [1, 10000]; how many tokens a generation adds
 * @param seed              seed of the {@code Rng} whose draws pick the tokens (see {@link Generator})
 */
public record SamplingSettings(Mode mode, double temperature, int topK, double topP, double repetitionPenalty,
                               int maxNewTokens, long seed) {

    /** Greedy decoding or a random draw from the shaped distribution. */
    public enum Mode {
        GREEDY, RANDOM;

        /** "greedy" or "random". */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Mode parse(String text) {
            for (Mode mode : values()) {
                if (mode.key().equalsIgnoreCase(text.trim())) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("mode must be greedy or random, not '" + text + "'");
        }
    }

    public static final double MAX_TEMPERATURE = 5.0;
    public static final double MAX_REPETITION_PENALTY = 10.0;
    public static final int MAX_NEW_TOKENS = 10_000;

    /** The model as it is: random draws at temperature 1, no cuts, no penalty, 200 tokens, seed 42. */
    public static final SamplingSettings DEFAULTS = new SamplingSettings(Mode.RANDOM, 1.0, 0, 1.0, 1.0, 200, 42);

    public SamplingSettings {
        require(mode != null, "mode must be greedy or random");
        require(temperature >= 0 && temperature <= MAX_TEMPERATURE,
                "temperature must be between 0 and " + MAX_TEMPERATURE + ", not " + temperature);
        require(topK >= 0, "top-k must be 0 (off) or positive, not " + topK);
        require(topP >= 0 && topP <= 1, "top-p must be between 0 and 1, not " + topP);
        require(repetitionPenalty >= 1 && repetitionPenalty <= MAX_REPETITION_PENALTY,
                "repetition penalty must be between 1 (off) and " + MAX_REPETITION_PENALTY + ", not " + repetitionPenalty);
        require(maxNewTokens >= 1 && maxNewTokens <= MAX_NEW_TOKENS,
                "max new tokens must be between 1 and " + MAX_NEW_TOKENS + ", not " + maxNewTokens);
    }

    public boolean greedy() {
        return mode == Mode.GREEDY;
    }

    public SamplingSettings withMode(Mode value) {
        return new SamplingSettings(value, temperature, topK, topP, repetitionPenalty, maxNewTokens, seed);
    }

    public SamplingSettings withTemperature(double value) {
        return new SamplingSettings(mode, value, topK, topP, repetitionPenalty, maxNewTokens, seed);
    }

    public SamplingSettings withTopK(int value) {
        return new SamplingSettings(mode, temperature, value, topP, repetitionPenalty, maxNewTokens, seed);
    }

    public SamplingSettings withTopP(double value) {
        return new SamplingSettings(mode, temperature, topK, value, repetitionPenalty, maxNewTokens, seed);
    }

    public SamplingSettings withRepetitionPenalty(double value) {
        return new SamplingSettings(mode, temperature, topK, topP, value, maxNewTokens, seed);
    }

    public SamplingSettings withMaxNewTokens(int value) {
        return new SamplingSettings(mode, temperature, topK, topP, repetitionPenalty, value, seed);
    }

    public SamplingSettings withSeed(long value) {
        return new SamplingSettings(mode, temperature, topK, topP, repetitionPenalty, maxNewTokens, value);
    }

    /**
     * One line of {@code key=value} pairs, for example
     * {@code mode=random temperature=0.8 top-k=0 top-p=0.95 repetition-penalty=1.0 max-new-tokens=200 seed=42}.
     */
    public String format() {
        return "mode=" + mode.key()
                + " temperature=" + temperature
                + " top-k=" + topK
                + " top-p=" + topP
                + " repetition-penalty=" + repetitionPenalty
                + " max-new-tokens=" + maxNewTokens
                + " seed=" + seed;
    }

    /**
     * Reads what {@link #format()} wrote. Keys may come in any order and missing keys take their
     * {@link #DEFAULTS}; an unknown key or a bad value is an {@link IllegalArgumentException} that names it.
     */
    public static SamplingSettings parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : text.trim().split("\\s+")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("sampling settings are key=value pairs; '" + pair + "' is not");
            }
            values.put(pair.substring(0, eq).toLowerCase(Locale.ROOT), pair.substring(eq + 1));
        }
        SamplingSettings d = DEFAULTS;
        Mode mode = values.containsKey("mode") ? Mode.parse(values.remove("mode")) : d.mode;
        double temperature = number(values, "temperature", d.temperature);
        int topK = (int) whole(values, "top-k", d.topK);
        double topP = number(values, "top-p", d.topP);
        double penalty = number(values, "repetition-penalty", d.repetitionPenalty);
        int maxNew = (int) whole(values, "max-new-tokens", d.maxNewTokens);
        long seed = whole(values, "seed", d.seed);
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown sampling setting '" + values.keySet().iterator().next()
                    + "'; known: mode, temperature, top-k, top-p, repetition-penalty, max-new-tokens, seed");
        }
        return new SamplingSettings(mode, temperature, topK, topP, penalty, maxNew, seed);
    }

    private static double number(Map<String, String> values, String key, double fallback) {
        String text = values.remove(key);
        if (text == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException bad) {
            throw new IllegalArgumentException(key + " must be a number, not '" + text + "'");
        }
    }

    private static long whole(Map<String, String> values, String key, long fallback) {
        String text = values.remove(key);
        if (text == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text);
            if (!key.equals("seed") && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException bad) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + text + "'");
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
