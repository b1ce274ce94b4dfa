package workbench.core.tokenizer;

/**
 * One token of a text.
 *
 * @param id    token id
 * @param text  how the token reads
 * @param start index of the first char of the text it covers
 * @param end   index after the last char it covers
 */
public record TokenSpan(int id, String text, int start, int end) {
}
