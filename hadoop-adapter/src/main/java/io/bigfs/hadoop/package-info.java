/**
 * BigFS as a Hadoop {@link org.apache.hadoop.fs.FileSystem} for {@code bfs://} URIs, so that Hadoop,
 * Spark and other Hadoop-API programs read and write BigFS through the client library.
 */
package io.bigfs.hadoop;
