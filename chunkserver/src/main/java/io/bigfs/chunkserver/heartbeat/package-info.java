/** A chunkserver's reports to every master: registration, heartbeats, full and incremental block reports. */
package io.bigfs.chunkserver.heartbeat;
