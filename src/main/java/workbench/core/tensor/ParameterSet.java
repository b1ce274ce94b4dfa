package workbench.core.tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's named parameters, all stored in one flat float buffer, with a gradient buffer of the
 * same layout. Each named tensor is a view into the flat buffer, so the optimizer, gradient
 * clipping and zeroing each touch one large array instead of dozens of small ones.
 */
public final class ParameterSet {

    /** One named tensor: where it lives in the flat buffer and whether weight decay applies to it. */
    public record Spec(String name, long[] shape, boolean decay) {
        public long size() {
            return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        }
    }

    private final List<Spec> specs;
    private final Map<String, Integer> offsets = new LinkedHashMap<>();
    private final Map<String, INDArray> values = new LinkedHashMap<>();
    private final Map<String, INDArray> grads = new LinkedHashMap<>();
    private final INDArray flat;
    private final INDArray flatGrad;
    private final INDArray decayMask;

    public ParameterSet(List<Spec> specs) {
        this(specs, DataType.FLOAT);
    }

    /**
     * Parameters stored as {@code dataType}: FLOAT for models, DOUBLE where a finite-difference
     * gradient check needs differences far below float's 1e-7 resolution.
     */
    public ParameterSet(List<Spec> specs, DataType dataType) {
        if (!dataType.isFPType()) {
            throw new IllegalArgumentException("parameters must be floating point, not " + dataType);
        }
        this.specs = List.copyOf(specs);
        long total = 0;
        for (Spec spec : specs) {
            if (offsets.put(spec.name(), (int) total) != null) {
                throw new IllegalArgumentException("duplicate parameter " + spec.name());
            }
            total += spec.size();
        }
        flat = Nd4j.create(dataType, total);
        flatGrad = Nd4j.create(dataType, total);
        decayMask = Nd4j.create(dataType, total);
        for (Spec spec : specs) {
            long from = offsets.get(spec.name());
            long to = from + spec.size();
            values.put(spec.name(), flat.get(NDArrayIndex.interval(from, to)).reshape('c', spec.shape()));
            grads.put(spec.name(), flatGrad.get(NDArrayIndex.interval(from, to)).reshape('c', spec.shape()));
            if (spec.decay()) {
                decayMask.get(NDArrayIndex.interval(from, to)).assign(1);
            }
        }
    }

    public DataType dataType() {
        return flat.dataType();
    }

    public List<Spec> specs() {
        return specs;
    }

    public List<String> names() {
        return specs.stream().map(Spec::name).toList();
    }

    public boolean contains(String name) {
        return values.containsKey(name);
    }

    /** The parameter tensor (a view into the flat buffer; writes change the model). */
    public INDArray get(String name) {
        INDArray value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        return value;
    }

    /** The gradient of a parameter (a view into the flat gradient buffer). */
    public INDArray grad(String name) {
        INDArray grad = grads.get(name);
        if (grad == null) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        return grad;
    }

    public Spec spec(String name) {
        return specs.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no parameter named " + name));
    }

    /** All parameters as one (N) vector. */
    public INDArray flat() {
        return flat;
    }

    /** All gradients as one (N) vector, same layout as {@link #flat()}. */
    public INDArray flatGrad() {
        return flatGrad;
    }

    /** (N) vector with 1 where weight decay applies (matrices) and 0 elsewhere (gains, biases). */
    public INDArray decayMask() {
        return decayMask;
    }

    public long count() {
        return flat.length();
    }

    public void zeroGrad() {
        flatGrad.assign(0);
    }

    /** Copies every value from {@code other}, which must have the same layout. */
    public void copyFrom(ParameterSet other) {
        if (!sameLayout(other)) {
            throw new IllegalArgumentException("parameter layouts differ");
        }
        flat.assign(other.flat);
    }

    public boolean sameLayout(ParameterSet other) {
        if (specs.size() != other.specs.size()) {
            return false;
        }
        for (int i = 0; i < specs.size(); i++) {
            Spec a = specs.get(i);
            Spec b = other.specs.get(i);
            if (!a.name().equals(b.name()) || !Arrays.equals(a.shape(), b.shape())) {
                return false;
            }
        }
        return true;
    }

    /** Name to shape, in layout order. */
    public Map<String, long[]> shapes() {
        Map<String, long[]> out = new LinkedHashMap<>();
        specs.forEach(s -> out.put(s.name(), s.shape().clone()));
        return Collections.unmodifiableMap(out);
    }
}
