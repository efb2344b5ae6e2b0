/** Soft state about chunkservers (liveness, load, where replicas are) and placement of new chunks. */
package io.bigfs.master.node;
