/**
 * The chaos suite: a real local cluster (separate processes, started by {@code bfs local}) under a
 * concurrent workload while faults from a seeded schedule hit it, then a check that nothing
 * acknowledged was lost and that the masters agree.
 */
package io.bigfs.bench.chaos;
