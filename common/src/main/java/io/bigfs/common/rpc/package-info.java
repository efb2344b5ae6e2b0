/** gRPC plumbing shared by clients and servers: channels, and the stub that follows the master leader. */
package io.bigfs.common.rpc;
