/** The chunkserver process: configuration, the component stack, and main. */
package io.bigfs.chunkserver;
