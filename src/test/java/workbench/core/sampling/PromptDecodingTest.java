package workbench.core.sampling;

import org.junit.jupiter.api.Test;
import workbench.core.model.CachedDecoding;
import workbench.core.model.MaskKind;
import workbench.core.model.MiniTransformer;
import workbench.core.model.PositionalKind;
import workbench.core.model.TransformerConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Whatever order the contexts are asked in, each gets the logits of one generation from the prompt
 * with a fresh KV-cache decoder, to the bit: what the generate command computes.
 */
class PromptDecodingTest {

    // A small real transformer (random weights) with a 12-token window, so sequences slide past it.
    private final MiniTransformer model = new MiniTransformer(new TransformerConfig(10, 12, 32, 2, 4, 4, 64,
            PositionalKind.LEARNED, MaskKind.CAUSAL, true, 4));
    private final int[] prompt = {2, 7, 1, 8};
    private final int[] a = join(prompt, 3, 3, 5, 0, 9, 2, 6, 4, 1, 1, 8, 3);   // 16 tokens: slides past 12
    private final int[] b = join(prompt, 3, 3, 4, 4, 0, 1, 2);
    private final int[] c = join(prompt, 9, 9, 9);

    /** The logits a fresh decoder gives each prefix of {@code sequence} (from the prompt on), asked in order. */
    private Map<String, float[]> generation(int[] sequence) {
        CachedDecoding fresh = new CachedDecoding(model);
        Map<String, float[]> out = new HashMap<>();
        for (int n = prompt.length; n <= sequence.length; n++) {
            int[] context = Arrays.copyOf(sequence, n);
            out.put(Arrays.toString(context), fresh.nextLogits(context));
        }
        return out;
    }

    @Test
    void interleavedSequencesGetTheLogitsOfTheirOwnGeneration() {
        Map<String, float[]> want = new HashMap<>();
        for (int[] s : List.of(a, b, c)) {
            want.putAll(generation(s));
        }
        PromptDecoding decoding = new PromptDecoding(() -> new CachedDecoding(model), prompt, 2);
        List<int[]> asked = new ArrayList<>();
        // Part of a, then b and c (they share a's first tokens), then the rest of a and b, then
        // everything again backwards: jumps, repeats, windows past 12 tokens.
        for (int n = 4; n <= 9; n++) {
            asked.add(Arrays.copyOf(a, n));
        }
        for (int n = 5; n <= c.length; n++) {
            asked.add(Arrays.copyOf(b, n));
            asked.add(Arrays.copyOf(c, n));
        }
        for (int n = 10; n <= a.length; n++) {
            asked.add(Arrays.copyOf(a, n));
        }
        for (int n = c.length + 1; n <= b.length; n++) {
            asked.add(Arrays.copyOf(b, n));
        }
        for (int i = asked.size() - 1; i >= 0; i--) {
            asked.add(asked.get(i));
        }
        for (int[] context : asked) {
            assertArrayEquals(want.get(Arrays.toString(context)), decoding.nextLogits(context), Arrays.toString(context));
        }
    }

    @Test
    void aSequenceAskedInOrderCostsOnePassAndThenOneTokenEachUntilTheWindowSlides() {
        PromptDecoding decoding = new PromptDecoding(() -> new CachedDecoding(model), prompt, 1);
        for (int n = prompt.length; n <= 12; n++) {
            decoding.nextLogits(Arrays.copyOf(a, n));
        }
        assertEquals(1, decoding.passes());
        assertEquals(12 - prompt.length, decoding.tokens());
        for (int n = 13; n <= a.length; n++) {
            decoding.nextLogits(Arrays.copyOf(a, n));
        }
        assertEquals(1 + (a.length - 12), decoding.passes(), "every slid window is read in one pass");
        // Back to a shorter sequence: the prompt again in one pass, then its one new token.
        decoding.nextLogits(Arrays.copyOf(c, 5));
        assertEquals(2 + (a.length - 12), decoding.passes());
        assertEquals(12 - prompt.length + 1, decoding.tokens());
    }

    @Test
    void aBranchKeepsTheSharedPrefixAndDecodesOnlyItsOwnTokens() {
        PromptDecoding decoding = new PromptDecoding(() -> new CachedDecoding(model), prompt, 1);
        decoding.nextLogits(Arrays.copyOf(a, 10));           // prompt + 3 3 5 0 9 2
        assertEquals(1, decoding.passes());
        assertEquals(6, decoding.tokens());
        float[] branch = decoding.nextLogits(Arrays.copyOf(b, 8));   // prompt + 3 3 4 4: shares 3 3
        assertEquals(1, decoding.passes(), "no new prompt pass");
        assertEquals(8, decoding.tokens(), "only 4 4 decoded");
        assertArrayEquals(generation(b).get(Arrays.toString(Arrays.copyOf(b, 8))), branch);
        // Asking a context the cache already holds recomputes its last token only.
        float[] shorter = decoding.nextLogits(Arrays.copyOf(b, 7));
        assertEquals(9, decoding.tokens());
        assertArrayEquals(generation(b).get(Arrays.toString(Arrays.copyOf(b, 7))), shorter);
        // The prompt itself is always its one-pass read.
        assertArrayEquals(new CachedDecoding(model).nextLogits(prompt), decoding.nextLogits(prompt));
        assertEquals(2, decoding.passes());
    }

    @Test
    void eachBeamKeepsItsOwnDecoder() {
        PromptDecoding decoding = new PromptDecoding(() -> new CachedDecoding(model), prompt, 3);
        int[] d = join(prompt, 9, 9, 9, 1, 2);
        int[][] beams = {a, b, d};
        // Three beams asked in turn, one token longer each round, as beam search asks them.
        for (int n = 7; n <= 9; n++) {
            long passes = decoding.passes();
            long decoded = decoding.tokens();
            for (int[] beam : beams) {
                int[] context = Arrays.copyOf(beam, n);
                assertArrayEquals(generation(beam).get(Arrays.toString(context)), decoding.nextLogits(context));
            }
            if (n == 7) {
                assertEquals(3, decoding.passes(), "each beam gets a decoder of its own: one prompt pass each");
                assertEquals(3 * 3, decoding.tokens());
            } else {
                assertEquals(passes, decoding.passes());
                assertEquals(decoded + 3, decoding.tokens(), "then one token per beam per round");
            }
        }
        assertEquals(3, decoding.decoders());
        // A fourth line of text: no room for a decoder, so the one holding most of it is cut back.
        int[] e = join(prompt, 3, 3, 5, 7);
        assertArrayEquals(generation(e).get(Arrays.toString(e)), decoding.nextLogits(e));
        assertEquals(3, decoding.decoders());
        assertEquals(3, decoding.passes());
    }

    @Test
    void aModelWithoutACacheIsReadWhole() {
        BigramCountModel bigram = BigramCountModel.genesis();
        int[] ids = bigram.tokenizer().encode("And God");
        PromptDecoding decoding = new PromptDecoding(() -> IncrementalDecoder.stateless(bigram), Arrays.copyOf(ids, 3), 2);
        for (int n : new int[]{3, 5, 7, 4}) {
            assertArrayEquals(bigram.nextLogits(Arrays.copyOf(ids, n)), decoding.nextLogits(Arrays.copyOf(ids, n)));
        }
    }

    @Test
    void aContextThatIsNotFromThePromptIsReadInOnePassLikeAFreshDecoderWould() {
        PromptDecoding decoding = new PromptDecoding(() -> new CachedDecoding(model), prompt, 1);
        int[] shorter = {2, 7};
        assertArrayEquals(new CachedDecoding(model).nextLogits(shorter), decoding.nextLogits(shorter));
        // The cache now holds {2, 7}; the prompt extends it, yet is read in one pass, as a generation reads it.
        assertArrayEquals(new CachedDecoding(model).nextLogits(prompt), decoding.nextLogits(prompt));
        int[] other = {5, 5, 5, 5, 5};
        assertArrayEquals(new CachedDecoding(model).nextLogits(other), decoding.nextLogits(other));
        assertArrayEquals(generation(a).get(Arrays.toString(Arrays.copyOf(a, 6))), decoding.nextLogits(Arrays.copyOf(a, 6)));
        assertEquals(4, decoding.passes());
    }

    @Test
    void aLongPromptIsCutToTheWindowAndBadOnesAreRefused() {
        int[] longPrompt = join(a, 1, 2, 3);
        PromptDecoding decoding = new PromptDecoding(() -> new CachedDecoding(model), longPrompt, 1);
        assertArrayEquals(Arrays.copyOfRange(longPrompt, longPrompt.length - 12, longPrompt.length), decoding.prompt());
        assertThrows(IllegalArgumentException.class, () -> new PromptDecoding(() -> new CachedDecoding(model), new int[0], 1));
        assertThrows(IllegalArgumentException.class, () -> new PromptDecoding(() -> new CachedDecoding(model), new int[]{10}, 1));
        assertThrows(IllegalArgumentException.class, () -> decoding.nextLogits(new int[0]));
    }

    private static int[] join(int[] head, int... tail) {
        int[] out = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }
}
