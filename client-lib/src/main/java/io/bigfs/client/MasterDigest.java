package io.bigfs.client;

import io.bigfs.proto.DigestStateReply;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One master's fingerprint of its replicated state at an applied index; masters at the same
 * index must agree. {@code families} maps each column family to "entries:sha256", to see where
 * two masters differ. {@code reachable} is false when the master did not answer.
 */
public record MasterDigest(String address, boolean reachable, String id, long appliedIndex, long entries,
                           String sha256, Map<String, String> families, String error) {

  public static MasterDigest of(String address, DigestStateReply r) {
    Map<String, String> families = new TreeMap<>();
    r.getFamiliesList().forEach(f -> families.put(f.getName(), f.getEntries() + ":" + f.getSha256()));
    return new MasterDigest(address, true, r.getId(), r.getAppliedIndex(), r.getEntries(), r.getSha256(),
        Collections.unmodifiableMap(families), "");
  }

  public static MasterDigest unreachable(String address, String error) {
    return new MasterDigest(address, false, "", 0, 0, "", Map.of(), error);
  }
}
