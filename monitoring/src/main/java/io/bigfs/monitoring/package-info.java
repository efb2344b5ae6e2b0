/** Metrics for every BigFS server: a Prometheus registry with JVM meters, served over HTTP with health checks. */
package io.bigfs.monitoring;
