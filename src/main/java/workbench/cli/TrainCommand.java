package workbench.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import workbench.concurrent.Progress;
import workbench.core.model.Checkpoints;
import workbench.core.model.MaskKind;
import workbench.core.model.MiniTransformer;
import workbench.core.model.ModelBundle;
import workbench.core.model.PositionalKind;
import workbench.core.model.TrainingSummary;
import workbench.core.model.TransformerConfig;
import workbench.core.tokenizer.CharTokenizer;
import workbench.core.train.Corpus;
import workbench.core.train.TokenWindows;
import workbench.core.train.Trainer;
import workbench.core.train.TrainingConfig;
import workbench.core.train.TrainingProgress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code workbench train}: trains a character-level model on a corpus and saves a checkpoint. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a character-level transformer on a text corpus and save a checkpoint.")
public final class TrainCommand implements Callable<Integer> {

    @ParentCommand
    WorkbenchCommand root;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Checkpoint to write (.ckpt).")
    Path out;

    @Option(names = "--name", description = "Model name shown in the app (default: the file name).")
    String name;

    @Option(names = "--corpus", paramLabel = "FILE", description = "UTF-8 text to train on (default: the bundled King James text).")
    Path corpus;

    @Option(names = "--steps", defaultValue = "2000") int steps;
    @Option(names = "--batch", defaultValue = "12") int batch;
    @Option(names = "--lr", defaultValue = "1e-3") double lr;
    @Option(names = "--min-lr", defaultValue = "1e-4") double minLr;
    @Option(names = "--warmup", defaultValue = "100") int warmup;
    @Option(names = "--weight-decay", defaultValue = "0.1") double weightDecay;
    @Option(names = "--clip", defaultValue = "1.0") double clip;
    @Option(names = "--eval-every", defaultValue = "250") int evalEvery;
    @Option(names = "--eval-batches", defaultValue = "20") int evalBatches;
    @Option(names = "--seed", defaultValue = "1337") long seed;
    @Option(names = "--layers", defaultValue = "4") int layers;
    @Option(names = "--heads", defaultValue = "4") int heads;
    @Option(names = "--kv-heads", description = "Key/value heads (default: = heads, i.e. MHA).") Integer kvHeads;
    @Option(names = "--d-model", defaultValue = "128") int dModel;
    @Option(names = "--context", defaultValue = "64") int context;
    @Option(names = "--ffn", description = "Feed-forward width (default: 4 x d-model).") Integer ffn;
    @Option(names = "--positional", defaultValue = "learned", description = "learned, sinusoidal or rope.") PositionalKind positional;
    @Option(names = "--mask", defaultValue = "causal", description = "causal or bidirectional.") MaskKind mask;
    @Option(names = "--untied", description = "Use a separate output head instead of the token embeddings.") boolean untied;
    @Option(names = "--threads", description = "ND4J threads (default 1).") Integer threads;

    @Override
    public Integer call() throws IOException {
        String text = corpus == null ? Corpus.bundled().text() : readCorpus(corpus);
        String corpusName = corpus == null ? "King James Version, Genesis to 1 Kings (assets/corpus/kjv.txt)" : corpus.toString();
        CharTokenizer tokenizer = CharTokenizer.fromText(text);
        TransformerConfig config = new TransformerConfig(tokenizer.vocabSize(), context, dModel, layers, heads,
                kvHeads == null ? heads : kvHeads, ffn == null ? 4 * dModel : ffn,
                positional, mask, !untied, seed);
        TrainingConfig training = new TrainingConfig(steps, batch, lr, minLr, Math.min(warmup, steps), weightDecay, clip,
                evalEvery, evalBatches, seed);
        CliBackend.start(root, threads);
        MiniTransformer model = new MiniTransformer(config);
        TokenWindows data = TokenWindows.split(tokenizer.encode(text), Corpus.VALIDATION_FRACTION, context);
        System.out.printf(Locale.ROOT, "training %s: %,d parameters, vocabulary %d, %,d training / %,d validation tokens%n",
                config.attentionKind(), config.parameterCount(), tokenizer.vocabSize(), data.trainingTokens(),
                data.validationTokens());
        Trainer.Result result = new Trainer(model, training, data).run(Progress.NONE, TrainCommand::print);
        String command = "workbench train " + String.join(" ", commandLine());
        TrainingSummary summary = new TrainingSummary(corpusName, result.steps(), batch, seed, result.finalTrainLoss(),
                result.finalValidationLoss(), result.seconds(), command, Instant.now().toString());
        String modelName = name != null ? name : out.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Checkpoints.save(new ModelBundle(modelName, model, tokenizer, Optional.of(summary)), out);
        System.out.printf(Locale.ROOT, "saved %s: validation loss %.4f (perplexity %.2f, %.3f bits per character) after %d steps in %.1f s (%.0f tokens/s)%n",
                out, result.finalValidationLoss(), TrainingProgress.perplexity(result.finalValidationLoss()),
                TrainingProgress.bitsPerToken(result.finalValidationLoss()), result.steps(), result.seconds(),
                result.tokensPerSecond());
        return 0;
    }

    private static void print(TrainingProgress p) {
        if (p.validationLoss().isPresent() || p.step() == 1 || p.step() % 50 == 0) {
            System.out.printf(Locale.ROOT, "step %5d/%d  loss %.4f%s  lr %.2e  |g| %.2f  %.0f tok/s  %.0f s%n",
                    p.step(), p.totalSteps(), p.trainLoss(),
                    p.validationLoss().isPresent() ? String.format(Locale.ROOT, "  val %.4f (ppl %.2f)",
                            p.validationLoss().getAsDouble(), TrainingProgress.perplexity(p.validationLoss().getAsDouble())) : "",
                    p.learningRate(), p.gradientNorm(), p.tokensPerSecond(), p.elapsedSeconds());
        }
    }

    /** Every option that shapes the result, so that the run can be repeated exactly. */
    private String[] commandLine() {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "--out", out.toString(), "--steps", String.valueOf(steps), "--batch", String.valueOf(batch),
                "--lr", String.valueOf(lr), "--min-lr", String.valueOf(minLr), "--warmup", String.valueOf(warmup),
                "--weight-decay", String.valueOf(weightDecay), "--clip", String.valueOf(clip),
                "--eval-every", String.valueOf(evalEvery), "--eval-batches", String.valueOf(evalBatches),
                "--seed", String.valueOf(seed), "--layers", String.valueOf(layers), "--heads", String.valueOf(heads),
                "--kv-heads", String.valueOf(kvHeads == null ? heads : kvHeads), "--d-model", String.valueOf(dModel),
                "--context", String.valueOf(context), "--ffn", String.valueOf(ffn == null ? 4 * dModel : ffn),
                "--positional", positional.name().toLowerCase(Locale.ROOT), "--mask", mask.name().toLowerCase(Locale.ROOT)));
        if (untied) {
            args.add("--untied");
        }
        if (corpus != null) {
            args.addAll(java.util.List.of("--corpus", corpus.toString()));
        }
        if (threads != null) {
            args.addAll(java.util.List.of("--threads", String.valueOf(threads)));
        }
        if (name != null) {
            args.addAll(java.util.List.of("--name", name));
        }
        return args.toArray(String[]::new);
    }

    static String readCorpus(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException("cannot read the corpus " + file);
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new IOException("the corpus " + file + " is empty");
        }
        return text;
    }
}
