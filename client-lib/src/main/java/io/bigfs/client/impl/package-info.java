/** How the client library talks to masters and chunkservers; not part of the public API. */
package io.bigfs.client.impl;
