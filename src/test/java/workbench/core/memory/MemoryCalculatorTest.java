package workbench.core.memory;

import org.junit.jupiter.api.Test;
import workbench.core.catalog.PublishedModels;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryCalculatorTest {

    private static final ModelSpec GPT2 = ModelSpec.from(PublishedModels.find("GPT-2 124M").orElseThrow());
    private static final ModelSpec LLAMA7 = ModelSpec.from(PublishedModels.find("Llama-2-7B").orElseThrow());

    @Test
    void gpt2InferenceByHand() {
        // N = 124,439,808; L = 12, kv heads = 12, head dim = 64, T = 1024, B = 1.
        MemoryEstimate fp32 = MemoryCalculator.inference(new MemoryRequest(GPT2, Precision.FP32, 1024, 1));
        assertEquals(124_439_808L * 4, fp32.bytesOf(MemoryPart.WEIGHTS));          // 497,759,232
        assertEquals(2L * 12 * 12 * 64 * 4 * 1024, fp32.bytesOf(MemoryPart.KV_CACHE)); // 75,497,472
        assertEquals(573_256_704L, fp32.total());

        MemoryEstimate fp16 = MemoryCalculator.inference(new MemoryRequest(GPT2, Precision.FP16, 1024, 1));
        assertEquals(248_879_616L, fp16.bytesOf(MemoryPart.WEIGHTS));
        assertEquals(37_748_736L, fp16.bytesOf(MemoryPart.KV_CACHE)); // 36 MiB: 36,864 B per token

        // int8 and int4 are weight-only: the KV cache stays fp16.
        MemoryEstimate int8 = MemoryCalculator.inference(new MemoryRequest(GPT2, Precision.INT8, 1024, 1));
        assertEquals(124_439_808L, int8.bytesOf(MemoryPart.WEIGHTS));
        assertEquals(37_748_736L, int8.bytesOf(MemoryPart.KV_CACHE));
        MemoryEstimate int4 = MemoryCalculator.inference(new MemoryRequest(GPT2, Precision.INT4, 1024, 1));
        assertEquals(62_219_904L, int4.bytesOf(MemoryPart.WEIGHTS));
    }

    @Test
    void gpt2TrainingByHand() {
        MemoryEstimate fp32 = MemoryCalculator.training(new MemoryRequest(GPT2, Precision.FP32, 1024, 1));
        long n = 124_439_808L;
        assertEquals(4 * n, fp32.bytesOf(MemoryPart.WEIGHTS));
        assertEquals(0, fp32.bytesOf(MemoryPart.MASTER_WEIGHTS));
        assertEquals(4 * n, fp32.bytesOf(MemoryPart.GRADIENTS));
        assertEquals(4 * n, fp32.bytesOf(MemoryPart.ADAM_M));
        assertEquals(4 * n, fp32.bytesOf(MemoryPart.ADAM_V));
        // fp32 activations: 12 x [1024·768·(16·4+2) + 12·1024²·(2·4+1)] = 12 x (51,904,512 + 113,246,208)
        assertEquals(1_981_808_640L, fp32.bytesOf(MemoryPart.ACTIVATIONS));
        assertEquals(16 * n + 1_981_808_640L, fp32.total()); // 3,972,845,568

        MemoryEstimate bf16 = MemoryCalculator.training(new MemoryRequest(GPT2, Precision.BF16, 1024, 1));
        assertEquals(2 * n, bf16.bytesOf(MemoryPart.WEIGHTS));
        assertEquals(4 * n, bf16.bytesOf(MemoryPart.MASTER_WEIGHTS));
        assertEquals(2 * n, bf16.bytesOf(MemoryPart.GRADIENTS));
        // Korthikanti et al. 2022 as printed: s·b·h·L·(34 + 5·a·s/h) = 1024·768·12·(34 + 5·12·1024/768) = 9,437,184 x 114
        assertEquals(1_075_838_976L, bf16.bytesOf(MemoryPart.ACTIVATIONS));
        assertEquals(16 * n + 1_075_838_976L, bf16.total());
    }

    @Test
    void llama7bByHand() {
        // N = 6,738,415,616; L = 32, kv heads = 32, head dim = 128, T = 4096.
        MemoryEstimate fp16 = MemoryCalculator.inference(new MemoryRequest(LLAMA7, Precision.FP16, 4096, 1));
        assertEquals(13_476_831_232L, fp16.bytesOf(MemoryPart.WEIGHTS));
        assertEquals(2L * 1024 * 1024 * 1024, fp16.bytesOf(MemoryPart.KV_CACHE)); // 2·32·32·128·2·4096 = 2 GiB
        assertEquals(15_624_314_880L, fp16.total());
        MemoryEstimate batch8 = MemoryCalculator.inference(new MemoryRequest(LLAMA7, Precision.FP16, 4096, 8));
        assertEquals(16L * 1024 * 1024 * 1024, batch8.bytesOf(MemoryPart.KV_CACHE));

        MemoryEstimate training = MemoryCalculator.training(new MemoryRequest(LLAMA7, Precision.BF16, 4096, 1));
        assertEquals(16 * 6_738_415_616L, training.total() - training.bytesOf(MemoryPart.ACTIVATIONS));
        // 4096·1·4096·32·(34 + 5·32·4096/4096) = 536,870,912 x 194
        assertEquals(104_152_956_928L, training.bytesOf(MemoryPart.ACTIVATIONS));
        assertEquals(211_967_606_784L, training.total());

        MemoryEstimate rule = MemoryCalculator.ruleOfThumb(LLAMA7, Precision.BF16);
        assertEquals(4 * 6_738_415_616L, rule.bytesOf(MemoryPart.RULE_WEIGHTS));
        assertEquals(20 * 6_738_415_616L, rule.bytesOf(MemoryPart.RULE_TRAINING));
        assertEquals(161_721_974_784L, rule.total());
    }

    @Test
    void gqaShrinksOnlyTheKvCache() {
        ModelSpec llama70 = ModelSpec.from(PublishedModels.find("Llama-2-70B").orElseThrow());
        MemoryEstimate e = MemoryCalculator.inference(new MemoryRequest(llama70, Precision.FP16, 4096, 1));
        assertEquals(2L * 80 * 8 * 128 * 2 * 4096, e.bytesOf(MemoryPart.KV_CACHE)); // 1.25 GiB with 8 KV heads
        assertEquals(2 * 68_976_648_192L, e.bytesOf(MemoryPart.WEIGHTS));
    }

    @Test
    void reportFitsGpus() {
        List<Gpu> gpus = GpuCatalog.all();
        MemoryReport report = MemoryCalculator.report(new MemoryRequest(LLAMA7, Precision.FP16, 4096, 1), gpus);
        GpuFit t4 = report.inferenceFits().get(0);
        assertEquals("NVIDIA T4", t4.gpu().name());
        // 90% of 16 GiB = 15,461,882,265 bytes < 15,624,314,880 needed: two T4s.
        assertEquals(15_461_882_265L, t4.usableBytes());
        assertEquals(2, t4.count());
        assertTrue(report.inferenceFits().get(1).fitsOnOne()); // A10G, 24 GiB

        MemoryReport training = MemoryCalculator.report(new MemoryRequest(LLAMA7, Precision.BF16, 4096, 1), gpus);
        // 211,967,606,784 bytes: 77,309,411,328 usable per A100 80GB -> 2.74 -> 3; 136,257,837,465 per H200 -> 2.
        assertEquals(3, find(training.trainingFits(), "NVIDIA A100 80GB").count());
        assertEquals(2, find(training.trainingFits(), "NVIDIA H200").count());
        assertEquals(14, find(training.trainingFits(), "NVIDIA T4").count());
    }

    @Test
    void badRequestsGiveMessages() {
        assertThrows(IllegalArgumentException.class, () -> new MemoryRequest(GPT2, Precision.FP16, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new MemoryRequest(GPT2, Precision.FP16, 1024, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new MemoryRequest(GPT2, Precision.FP16, MemoryRequest.MAX_CONTEXT + 1, 1));
        // The largest model with the largest context and batch overflows a long: a message, not a wrapped number.
        ModelSpec huge = ModelSpec.custom(ModelSpec.MAX_PARAMETERS, 4096, 65536, 1024, 1024);
        IllegalArgumentException overflow = assertThrows(IllegalArgumentException.class, () -> MemoryCalculator.report(
                new MemoryRequest(huge, Precision.FP32, MemoryRequest.MAX_CONTEXT, MemoryRequest.MAX_BATCH), GpuCatalog.all()));
        assertTrue(overflow.getMessage().contains("8 EiB"), overflow.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.custom(1000, 2, 100, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.custom(1000, 2, 96, 4, 3));
    }

    @Test
    void specFromConfigUsesItsParameterCount() {
        var config = workbench.core.model.TransformerConfig.nanoGptCpu(65, 1);
        ModelSpec spec = ModelSpec.from("tiny", config, "test");
        assertEquals(config.parameterCount(), spec.parameters());
        assertEquals(32, spec.headDim());
    }

    @Test
    void gpuFitCountsAreCeilings() {
        Gpu gpu = new Gpu("Test", 10, "HBM", "test");
        long usable = GpuFits.usableBytes(gpu);
        assertEquals((long) Math.floor(10 * 1073741824.0 * 0.9), usable);
        assertEquals(1, GpuFits.fit(0, gpu).count());
        assertEquals(1, GpuFits.fit(usable, gpu).count());
        assertEquals(2, GpuFits.fit(usable + 1, gpu).count());
        assertEquals(3, GpuFits.fit(2 * usable + 1, gpu).count());
    }

    private static GpuFit find(List<GpuFit> fits, String name) {
        return fits.stream().filter(f -> f.gpu().name().equals(name)).findFirst().orElseThrow();
    }
}
