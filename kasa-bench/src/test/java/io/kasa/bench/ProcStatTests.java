package io.kasa.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ProcStatTests {

    @Test
    void cpuAndMemoryAreReadFromTheFieldsAfterTheCommandName() {
        String line = "4242 (java) S 1 4242 4242 0 -1 4194560 61542 0 12 0 1234 567 0 0 20 0 45 0 889 "
                + "4200000000 65536 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
        ProcStat stat = ProcStat.parse(line);
        assertThat(stat.userTicks()).isEqualTo(1234);
        assertThat(stat.systemTicks()).isEqualTo(567);
        assertThat(stat.rssPages()).isEqualTo(65536);
        assertThat(stat.cpuSeconds()).isEqualTo(18.01);
        assertThat(stat.rssBytes()).isEqualTo(65536L * 4096);
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        String line = "77 (my (odd) proc) R 1 77 77 0 -1 0 0 0 0 0 300 200 0 0 20 0 1 0 5 1000 42 0";
        ProcStat stat = ProcStat.parse(line);
        assertThat(stat.userTicks()).isEqualTo(300);
        assertThat(stat.systemTicks()).isEqualTo(200);
        assertThat(stat.rssPages()).isEqualTo(42);
    }

    @Test
    void aProcessesRunTimeIsSchedstatsFirstFieldInNanoseconds() {
        assertThat(ProcStat.parseRunNanos("4123456 88000 12\n")).isEqualTo(4_123_456L);
        assertThatThrownBy(() -> ProcStat.parseRunNanos("4123456")).isInstanceOf(IllegalArgumentException.class);
    }

    /** This process has run, so its time on a CPU is more than zero; a process that is gone has none. */
    @Test
    void aLiveProcessesRunTimeIsReadToTheNanosecond() {
        long pid = ProcessHandle.current().pid();
        assertThat(ProcStat.runSeconds(pid)).hasValueSatisfying(seconds -> assertThat(seconds).isPositive());
        assertThat(ProcStat.runSeconds(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void theCommandNameIsWhatTheParenthesesHold() {
        assertThat(ProcStat.command("77 (my (odd) proc) R 1 77 77 0 -1 0 0 0 0 0 300 200 0 0 20 0 1 0 5 1000 42 0"))
                .isEqualTo("my (odd) proc");
        assertThat(ProcStat.command("4243 (C2 CompilerThre) S 1 4242 4242 0 -1 0 0 0 0 0 1 2 0 0 20 0 1 0 5 1000 42 0"))
                .isEqualTo("C2 CompilerThre");
        assertThatThrownBy(() -> ProcStat.command("no parentheses here")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theJitCompilersTimeIsTheTimeOfItsThreadsOnly() {
        List<String> threads = List.of(
                "4242 (java) S 1 4242 4242 0 -1 0 0 0 0 0 50 10 0 0 20 0 45 0 889 4200000000 65536 0",
                "4250 (C2 CompilerThre) S 1 4242 4242 0 -1 0 0 0 0 0 700 20 0 0 20 0 45 0 889 4200000000 65536 0",
                "4251 (C1 CompilerThre) S 1 4242 4242 0 -1 0 0 0 0 0 150 30 0 0 20 0 45 0 889 4200000000 65536 0",
                "4252 (GC Thread#0) S 1 4242 4242 0 -1 0 0 0 0 0 400 0 0 0 20 0 45 0 889 4200000000 65536 0",
                "4253 (http-nio-8080-e) S 1 4242 4242 0 -1 0 0 0 0 0 900 100 0 0 20 0 45 0 889 4200000000 65536 0");
        assertThat(CompilerThreads.cpuSeconds(threads.stream())).isCloseTo(9.0, within(1e-9));
        assertThat(CompilerThreads.compiles("C2 CompilerThre")).isTrue();
        assertThat(CompilerThreads.compiles("C1 CompilerThre")).isTrue();
        assertThat(CompilerThreads.compiles("Compiler")).isFalse();
        assertThat(CompilerThreads.cpuSeconds(Stream.of())).isZero();
    }

    @Test
    void thisJvmHasCompilerThreadsThatCanBeRead() {
        assertThat(CompilerThreads.cpuSeconds(ProcessHandle.current().pid())).isNotNaN().isGreaterThanOrEqualTo(0);
        assertThat(CompilerThreads.cpuSeconds(-1)).isNaN();
    }

    @Test
    void somethingElseIsRefused() {
        assertThatThrownBy(() -> ProcStat.parse("no parentheses here")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcStat.parse("1 (short) S 1 2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thisProcessCanBeRead() {
        assertThat(ProcStat.read(ProcessHandle.current().pid())).hasValueSatisfying(
                stat -> assertThat(stat.rssPages()).isPositive());
    }

    @Test
    void theOpenFilesLimitsAreReadFromTheLimitsFile() {
        String limits = """
                Limit                     Soft Limit           Hard Limit           Units
                Max cpu time              unlimited            unlimited            seconds
                Max open files            20000                40000                files
                Max processes             unlimited            unlimited            processes
                """;
        OptionalLong[] parsed = FdBudget.parseLimits(limits);
        assertThat(parsed[0]).hasValue(20_000);
        assertThat(parsed[1]).hasValue(40_000);
        assertThat(FdBudget.parseLimits("Max open files unlimited unlimited files")[0]).hasValue(Long.MAX_VALUE);
        assertThat(FdBudget.parseLimits("nothing")[0]).isEmpty();
        assertThat(new FdBudget(20_000, 20_000, 1_200).headroom()).isEqualTo(20_000 - 1_200 - FdBudget.RESERVE);
        assertThat(new FdBudget(100, 100, 90).headroom()).isZero();
    }

    @Test
    void theHeapInUseIsReadFromTheJvmsOwnHeapInfo() {
        String heapInfo = """
                31103:
                garbage-first heap   total reserved 6172672K, committed 393216K, used 10758K [0x0000000687400000, 0x0000000800000000)
                 region size 4096K, 3 young (12288K), 1 survivors (4096K)
                """;
        assertThat(ServerProcess.heapUsed(heapInfo)).isEqualTo(10758L * 1024);
        assertThat(ServerProcess.heapUsed("nothing useful")).isEqualTo(-1);
    }

    @Test
    void prometheusSamplesAreAddedUpByLabel() {
        PrometheusText text = new PrometheusText("""
                # HELP jvm_memory_used_bytes The amount of used memory
                # TYPE jvm_memory_used_bytes gauge
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.048576E7
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2.0E7
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 5.0E7
                process_cpu_time_ns_total 1.5E9
                process_cpu_usage 0.25
                """);
        assertThat(text.sum("jvm_memory_used_bytes", Map.of("area", "heap"))).hasValue(3.048576E7);
        assertThat(text.sum("jvm_memory_used_bytes", Map.of())).hasValue(8.048576E7);
        assertThat(text.value("process_cpu_time_ns_total")).hasValue(1.5E9);
        assertThat(text.value("process_cpu_usage")).hasValue(0.25);
        assertThat(text.value("jvm_threads_live_threads")).isEqualTo(OptionalDouble.empty());
    }
}
