/** The background scrubber: re-reads every replica at a bounded rate and reports the ones that rotted. */
package io.bigfs.chunkserver.scrub;
