/** Reading what servers publish on /metrics (Prometheus text format), for tools and tests. */
package io.bigfs.common.metrics;
