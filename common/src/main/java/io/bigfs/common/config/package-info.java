/** Typed configuration keys (name, default and documentation side by side) and their loading. */
package io.bigfs.common.config;
