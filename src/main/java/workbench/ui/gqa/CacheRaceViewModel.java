package workbench.ui.gqa;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import workbench.core.gqa.CacheRace;
import workbench.core.gqa.KvHeadConversion;
import workbench.core.model.MiniTransformer;
import workbench.core.model.ModelBundle;
import workbench.ui.common.LabContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The KV-cache race's state: the trained MHA model, its GQA conversion (fine-tuned when the lab
 * has one) and its MQA conversion generate greedily from the shared prompt, each with its own real
 * cache, one token per step. Every step runs in the background, one at a time; while playing, the
 * page's animation timer asks for the next step once the previous one has arrived.
 */
final class CacheRaceViewModel {

    static final String TASK_KEY = "gqa-cache";

    private final LabContext context;
    private final GroupMapsViewModel maps;
    private final ReadOnlyObjectWrapper<CacheRace.Snapshot> snapshot = new ReadOnlyObjectWrapper<>(this, "snapshot");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing", false);
    private CacheRace race;
    private boolean busy;
    /** Bumped by every restart, so a step of an abandoned race does not land on the new one. */
    private int generation;

    CacheRaceViewModel(LabContext context, GroupMapsViewModel maps) {
        this.context = context;
        this.maps = maps;
        status.set("Press Step or Play: the models generate from the prompt and their caches fill.");
    }

    /** Forgets the current race (a new model, prompt or GQA setting). */
    void clear() {
        generation++;
        race = null;
        busy = false;
        playing.set(false);
        snapshot.set(null);
    }

    /** Adds one token to every cache (filling them with the prompt first, on the first call). */
    void step() {
        if (busy) {
            return;
        }
        ModelBundle bundle = maps.bundle();
        if (bundle == null) {
            status.set("The model has not loaded yet.");
            playing.set(false);
            return;
        }
        busy = true;
        int mine = generation;
        CacheRace current = race;
        List<CacheRace.Racer> racers = current == null ? racers(bundle) : null;
        String prompt = context.models().promptProperty().get();
        context.tasks().submitLatest(TASK_KEY, "Generating with a KV cache", progress -> {
            if (current != null) {
                return new Stepped(current, current.step());
            }
            CacheRace fresh = new CacheRace(racers, bundle.tokenizer(), start(bundle, prompt));
            return new Stepped(fresh, fresh.snapshot());
        }, done -> {
            if (mine != generation) {
                return;
            }
            busy = false;
            race = done.race();
            snapshot.set(done.snapshot());
            status.set(statusText(done.snapshot()));
            if (done.snapshot().full()) {
                playing.set(false);
            }
        }, error -> {
            if (mine != generation) {
                return;
            }
            busy = false;
            playing.set(false);
            if (error instanceof IllegalArgumentException) {
                status.set(error.getMessage());
            } else {
                context.notifier().error("Could not generate", error);
            }
        });
    }

    /** Called once per animation frame: asks for the next step when playing and none is under way. */
    void tick() {
        if (playing.get() && !busy) {
            step();
        }
    }

    private record Stepped(CacheRace race, CacheRace.Snapshot snapshot) {
    }

    private List<CacheRace.Racer> racers(ModelBundle bundle) {
        MiniTransformer mha = bundle.model();
        int all = mha.config().kvHeads();
        int heads = mha.config().heads();
        List<CacheRace.Racer> list = new ArrayList<>();
        list.add(new CacheRace.Racer("MHA (trained)", mha));
        List<Integer> kvs = new ArrayList<>();
        kvs.add(maps.kvHeads() != all && maps.kvHeads() != 1 ? maps.kvHeads() : GroupMapsViewModel.defaultGroups(all));
        kvs.add(1);
        for (int kv : kvs.stream().distinct().filter(k -> k != all).toList()) {
            GroupMapsViewModel.Tuned tuned = maps.tuned(kv);
            String label = GroupMapsViewModel.label(heads, kv);
            list.add(tuned != null
                    ? new CacheRace.Racer(String.format(Locale.ROOT, "%s (fine-tuned %d steps)", label, tuned.steps()), tuned.model())
                    : new CacheRace.Racer(label + " (mean-pooled)", KvHeadConversion.meanPool(mha, kv)));
        }
        return list;
    }

    /**
     * The prompt's ids to start from. A prompt that fills the context leaves no room to grow, so
     * only its last half-context of tokens is kept.
     */
    static int[] start(ModelBundle bundle, String prompt) {
        if (prompt == null || prompt.isEmpty()) {
            throw new IllegalArgumentException("The prompt is empty: type some text for the models to continue.");
        }
        int[] ids = bundle.tokenizer().encode(prompt);
        int keep = bundle.model().config().contextLength() / 2;
        return ids.length <= keep ? ids : Arrays.copyOfRange(ids, ids.length - keep, ids.length);
    }

    static String statusText(CacheRace.Snapshot s) {
        CacheRace.Lane first = s.lanes().get(0);
        String end = s.full() ? " The caches are full: the context holds " + first.capacity() + " tokens." : "";
        return String.format(Locale.ROOT, "%d tokens generated after a prompt of %d; every cache holds %d tokens.%s",
                s.generated(), s.startTokens(), first.tokens(), end);
    }

    ReadOnlyObjectProperty<CacheRace.Snapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    CacheRace.Snapshot snapshot() {
        return snapshot.get();
    }

    ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    BooleanProperty playingProperty() {
        return playing;
    }
}
