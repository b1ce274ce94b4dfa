package workbench.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import workbench.core.tokenizer.BpeFile;
import workbench.core.tokenizer.BpeTokenizer;
import workbench.core.tokenizer.BpeTrainer;
import workbench.core.tokenizer.TokenSpan;
import workbench.core.tokenizer.TokenStats;
import workbench.core.tokenizer.Tokenizer;
import workbench.core.tokenizer.TokenizerCatalog;
import workbench.core.trace.BpeTrace;
import workbench.core.train.Corpus;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code workbench tokenizer ...}: train a byte-level BPE, or show how a tokenizer splits a text. */
@Command(name = "tokenizer", mixinStandardHelpOptions = true,
        description = "Train a byte-level BPE, or show how a tokenizer splits a text.",
        subcommands = {TokenizerCommand.TrainBpe.class, TokenizerCommand.Encode.class})
public final class TokenizerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    @Command(name = "train-bpe", mixinStandardHelpOptions = true,
            description = "Learn BPE merges from a text (by default the training part of the bundled KJV corpus) "
                    + "and save them in the workbench BPE format.")
    public static final class TrainBpe implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--merges", defaultValue = "512", description = "How many merges to learn (default ${DEFAULT-VALUE}).")
        int merges;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the tokenizer.")
        Path out;

        @Option(names = "--input", paramLabel = "FILE",
                description = "A UTF-8 text file to learn from instead of the bundled corpus (all of it is used).")
        Path input;

        @Option(names = "--name", description = "The tokenizer's display name.")
        String name;

        @Override
        public Integer call() throws IOException {
            PrintWriter console = spec.commandLine().getOut();
            String text;
            String source;
            if (input != null) {
                text = readText(input);
                source = input.toString();
            } else {
                Corpus corpus = Corpus.bundled();
                text = corpus.trainText();
                source = corpus.name() + ", training part";
            }
            long start = System.nanoTime();
            BpeTokenizer bpe = BpeTrainer.train(text, merges, name != null ? name : "BPE (" + merges + " merges)");
            double seconds = (System.nanoTime() - start) / 1e9;
            BpeFile.write(bpe, out);
            console.printf(Locale.ROOT, "learned %d merges from %s (%,d chars) in %.1f s; vocabulary %d; wrote %s%n",
                    bpe.merges().size(), source, text.length(), seconds, bpe.vocabSize(), out);
            if (input == null) {
                String validation = Corpus.bundled().validationText();
                TokenStats stats = TokenStats.of(validation, bpe.encode(validation).length);
                console.printf(Locale.ROOT, "validation part: %,d chars -> %,d tokens (%.2f chars per token, %.2f tokens per word)%n",
                        stats.characters(), stats.tokens(), stats.charactersPerToken(), stats.tokensPerWord());
            }
            return 0;
        }
    }

    @Command(name = "encode", mixinStandardHelpOptions = true,
            description = "Print the tokens of a text: id, char range and text of each.")
    public static final class Encode implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--tokenizer", defaultValue = TokenizerCatalog.MODEL_BPE,
                description = "One of: chars, kjv-bpe, r50k, cl100k, o200k (default ${DEFAULT-VALUE}).")
        String tokenizer;

        @Option(names = "--bpe", paramLabel = "FILE", description = "Use a BPE file saved by train-bpe instead.")
        Path bpeFile;

        @Option(names = "--show-work", description = "For a BPE: print every merge applied, in order.")
        boolean showWork;

        @Parameters(paramLabel = "TEXT", description = "The text to encode.")
        String text;

        @Override
        public Integer call() throws IOException {
            PrintWriter console = spec.commandLine().getOut();
            Tokenizer chosen = bpeFile != null ? BpeTokenizer.load(bpeFile) : TokenizerCatalog.get(tokenizer);
            List<TokenSpan> spans = chosen.spans(text);
            console.printf("%s: %d tokens%n", chosen.name(), spans.size());
            for (TokenSpan s : spans) {
                console.printf("%8d  [%d, %d)  %s%n", s.id(), s.start(), s.end(), quoted(s.text()));
            }
            if (showWork) {
                if (!(chosen instanceof BpeTokenizer bpe)) {
                    throw new IllegalArgumentException(chosen.name() + " is not a workbench BPE; --show-work needs one.");
                }
                BpeTrace trace = bpe.encodeAndShowWork(text);
                console.printf("start: %d byte tokens%n", trace.byteTokens().length);
                for (BpeTrace.Step step : trace.steps()) {
                    console.printf("merge #%d  %s + %s -> %s (id %d, seen %d times in training, %d here)  now %d tokens%n",
                            step.rank(), quoted(bpe.tokenText(step.left())), quoted(bpe.tokenText(step.right())),
                            quoted(bpe.tokenText(step.token())), step.token(), step.trainingCount(),
                            step.occurrences(), step.tokensAfter().length);
                }
            }
            return 0;
        }
    }

    private static String readText(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException missing) {
            throw new IOException("There is no file " + file + ".", missing);
        } catch (java.nio.charset.MalformedInputException notUtf8) {
            throw new IOException(file + " is not UTF-8 text.", notUtf8);
        }
    }

    private static String quoted(String token) {
        return '"' + token.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r") + '"';
    }
}
