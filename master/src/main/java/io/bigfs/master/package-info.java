/** The master process: configuration, the component stack, and main. */
package io.bigfs.master;
