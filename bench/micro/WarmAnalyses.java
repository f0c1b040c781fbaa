import io.leakhound.analysis.AnalyzeOptions;
import io.leakhound.analysis.HeapAnalyzer;
import io.leakhound.analysis.model.AnalysisReport;
import io.leakhound.analysis.model.PhaseTiming;
import java.nio.file.Path;

/**
 * Analyzes the given dumps one after the other in one JVM and prints each analysis's wall time and phases: the
 * second analysis of the same dump shows what the first lost to a cold JVM (JIT compilation, class loading),
 * phase by phase; a small dump first shows what a training run would save. Run on demand, with the launcher's
 * JVM options, and {@code -Dleakhound.trace=true} for sub-phases:
 *
 * <pre>java -Xmx2g -XX:+UseParallelGC -XX:PerMethodTrapLimit=0 -XX:PerBytecodeTrapLimit=0 \
 *     -cp leakhound-cli/target/leakhound.jar bench/micro/WarmAnalyses.java bench/out/small.hprof bench/out/small.hprof</pre>
 */
public class WarmAnalyses {
    public static void main(String[] args) {
        for (String dump : args) {
            long start = System.nanoTime();
            AnalysisReport report = HeapAnalyzer.analyze(Path.of(dump), AnalyzeOptions.defaults());
            StringBuilder phases = new StringBuilder();
            for (PhaseTiming t : report.timings()) {
                phases.append(String.format(" %s %.2f", t.phase(), t.seconds()));
            }
            System.out.printf("%s: %.2f s;%s%n", dump, (System.nanoTime() - start) / 1e9, phases);
        }
    }
}
