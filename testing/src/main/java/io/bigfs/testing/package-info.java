/** MiniCluster: real masters (Ratis + RocksDB) and chunkservers in one JVM, on 127.0.0.1, for tests. */
package io.bigfs.testing;
