/** What the servers' main methods share: four steps and named exit codes. */
package io.bigfs.common.cli;
