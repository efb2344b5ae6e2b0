/** The masters' gRPC services: requests in, protos and statuses out; the only place that translates them. */
package io.bigfs.master.rpc;
