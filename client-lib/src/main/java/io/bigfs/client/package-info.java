/**
 * The BigFS client library. Start with {@link io.bigfs.client.BfsClient#connect(String)}; files
 * are read and written through {@link io.bigfs.client.BfsInputStream} and
 * {@link io.bigfs.client.BfsOutputStream}, and failures arrive as java.nio.file exceptions where
 * one fits ({@link java.nio.file.NoSuchFileException}, ...), as {@link io.bigfs.common.BfsException}
 * otherwise.
 */
package io.bigfs.client;
