package workbench.ui.gqa;

import workbench.core.gqa.CacheRace;
import workbench.core.gqa.ConversionExperiment.Report;
import workbench.ui.common.CsvTable;

/** The trained-model tab's figures for CSV export: the conversion's losses and the caches' sizes now. */
final class GqaModelCsv {

    private GqaModelCsv() {
    }

    static CsvTable of(Report report, CacheRace.Snapshot race) {
        if (report == null && race == null) {
            return CsvTable.EMPTY;
        }
        CsvTable.Builder csv = CsvTable.builder("part", "model", "quantity", "value", "unit");
        if (report != null) {
            String tuned = report.kind() + " fine-tuned";
            csv.row("conversion", "MHA (trained)", "validation_loss", report.mhaLoss(), "nats_per_token");
            csv.row("conversion", report.kind() + " mean-pooled", "validation_loss", report.pooledLoss(), "nats_per_token");
            csv.row("conversion", tuned, "validation_loss", report.tunedLoss(), "nats_per_token");
            csv.row("conversion", tuned, "fine_tune_steps", report.fineTune().steps(), "steps");
            csv.row("conversion", tuned, "batch_seed", report.settings().seed(), "seed");
            csv.row("conversion", tuned, "validation_tokens", report.tokens(), "tokens");
        }
        if (race != null) {
            for (CacheRace.Lane lane : race.lanes()) {
                csv.row("kv_cache", lane.label(), "tokens", lane.tokens(), "tokens");
                csv.row("kv_cache", lane.label(), "cache", lane.bytes(), "bytes");
                csv.row("kv_cache", lane.label(), "cache_per_token", lane.bytesPerToken(), "bytes");
            }
        }
        return csv.build();
    }
}
