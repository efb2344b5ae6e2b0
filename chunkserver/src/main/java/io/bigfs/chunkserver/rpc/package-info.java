/** The chunkserver's gRPC service: the write pipeline, reads, and the master's repair orders. */
package io.bigfs.chunkserver.rpc;
