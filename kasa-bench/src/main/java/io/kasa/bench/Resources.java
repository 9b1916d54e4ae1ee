package io.kasa.bench;

/**
 * What a scenario cost in resources over its measured window. CPU is in cores (1.0 = one core
 * busy for the whole window); NaN when it could not be read. Bytes are -1 when unknown.
 *
 * @param serverCpu        the server process's mean CPU
 * @param serverCpuPeak    the server's busiest one-second sample
 * @param benchCpu         this benchmark process's mean CPU (it shares the machine)
 * @param databaseCpu      the PostgreSQL processes' mean CPU, when the benchmark started them
 * @param heapPeakBytes    the largest server heap use seen (sampled each second, garbage included)
 * @param heapEndBytes     the server heap use at the end of the window
 * @param dbWaitsPeak      the most requests seen waiting for one of the server's database
 *                         connections at once (sampled each second); -1 when unknown. Above 0,
 *                         the connection pool is what limits the server
 * @param seconds          the window's length
 */
record Resources(double serverCpu, double serverCpuPeak, double benchCpu, double databaseCpu,
                 long heapPeakBytes, long heapEndBytes, long dbWaitsPeak, double seconds) {
}
