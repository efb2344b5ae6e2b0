/** Benchmarks of BigFS, each a main program; bench/run runs them. */
package io.bigfs.bench;
