package workbench.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import workbench.core.model.CachedDecoding;
import workbench.core.model.ModelBundle;
import workbench.core.sampling.Generator;
import workbench.core.sampling.SamplingSettings;
import workbench.core.sampling.SamplingStep;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * {@code workbench generate}: continues a prompt with the trained model. With the same model,
 * prompt and settings it prints exactly what the Sampling lab generates.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Continue a prompt with the trained model.")
public final class GenerateCommand implements Callable<Integer> {

    @ParentCommand
    WorkbenchCommand root;

    @Mixin
    ModelOption model;

    @Option(names = "--prompt", required = true, description = "Text to continue.") String prompt;
    @Option(names = "--max-tokens", defaultValue = "200", description = "Tokens to generate (default ${DEFAULT-VALUE}).") int maxTokens;
    @Option(names = "--temperature", defaultValue = "1.0", description = "0 = always the most likely token; up to 5.") double temperature;
    @Option(names = "--top-k", defaultValue = "0", description = "Keep the k most likely tokens (0 = all).") int topK;
    @Option(names = "--top-p", defaultValue = "1.0", description = "Keep the smallest set reaching this probability (1 = all).") double topP;
    @Option(names = "--repetition-penalty", defaultValue = "1.0", description = "CTRL penalty for tokens already present (1 = none).") double penalty;
    @Option(names = "--greedy", description = "Always take the most likely token.") boolean greedy;
    @Option(names = "--seed", defaultValue = "42", description = "Seed of the random draws (default ${DEFAULT-VALUE}).") long seed;
    @Option(names = "--threads", description = "ND4J threads (default 1).") Integer threads;

    @Override
    public Integer call() throws Exception {
        SamplingSettings settings = new SamplingSettings(greedy ? SamplingSettings.Mode.GREEDY : SamplingSettings.Mode.RANDOM,
                temperature, topK, topP, penalty, maxTokens, seed);
        CliBackend.start(root, threads);
        ModelBundle bundle = model.load();
        ModelBundle.Prompt encoded = ModelOption.encode(bundle, prompt);
        // The KV cache: the prompt in one pass, then one token at a time, as the Sampling lab decodes.
        Generator generator = new Generator(new CachedDecoding(bundle.model()), encoded.ids(), settings);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.print(prompt);
        while (generator.hasNext()) {
            SamplingStep step = generator.next();
            out.print(bundle.tokenizer().tokenText(step.token()));
        }
        out.println();
        return 0;
    }
}
