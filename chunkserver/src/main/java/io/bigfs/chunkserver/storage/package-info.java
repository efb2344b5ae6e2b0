/** Chunks on local disks: data files, CRC32C checksum files, temporary names until finalized. */
package io.bigfs.chunkserver.storage;
