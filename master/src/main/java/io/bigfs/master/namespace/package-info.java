/**
 * The namespace rules: how each mutation changes the directory tree and chunk lists, and how
 * queries read them. Deterministic (time comes with the command) and free of Ratis and gRPC, so
 * that every master applying the same log ends in the same state.
 */
package io.bigfs.master.namespace;
