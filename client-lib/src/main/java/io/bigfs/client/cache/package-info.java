/** The client's cache of recently read files: entries on the local disk, checksummed, bounded, shared by processes. */
package io.bigfs.client.cache;
