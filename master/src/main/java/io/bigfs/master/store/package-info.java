/** The master's RocksDB: column families, key encodings, transactions per Raft entry, checkpoints. */
package io.bigfs.master.store;
