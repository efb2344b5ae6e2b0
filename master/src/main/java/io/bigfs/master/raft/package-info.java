/** The only package that knows Ratis: the state machine, snapshots, the Raft server and the batching proposer. */
package io.bigfs.master.raft;
