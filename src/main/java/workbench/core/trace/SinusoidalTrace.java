package workbench.core.trace;

import workbench.core.embedding.Similarity;

/**
 * Everything the Positions lab draws about sinusoidal encodings for one setting of its sliders.
 * T positions, d model width, w chosen dimensions, s samples along the wave plot.
 *
 * @param positions   T
 * @param d           model width
 * @param base        the base of the wavelengths (10000 in the paper)
 * @param table       (T, d) PE[pos, 2i] = sin(pos / base^(2i/d)), PE[pos, 2i+1] = cos(same)
 * @param measure     how {@code similarity} compares positions
 * @param similarity  (T, T) similarity of the encodings of every pair of positions
 * @param dims        (w) the dimensions plotted as waves
 * @param wavelengths (w) wavelength of each plotted dimension, in positions: 2 pi base^(2i/d)
 * @param sampleAt    (s) the fractional positions the waves are sampled at, 0..T-1
 * @param waves       (w, s) value of each plotted dimension at each sample position
 */
public record SinusoidalTrace(int positions, int d, double base, float[][] table, Similarity measure,
                              float[][] similarity, int[] dims, double[] wavelengths, float[] sampleAt,
                              float[][] waves) {
}
