package io.bigfs.master.namespace;

import com.google.protobuf.InvalidProtocolBufferException;
import io.bigfs.common.BfsException;
import io.bigfs.common.BfsPaths;
import io.bigfs.master.store.Cf;
import io.bigfs.master.store.Keys;
import io.bigfs.master.store.KvReader;
import io.bigfs.proto.store.InodeRecord;

import java.util.ArrayList;
import java.util.List;

/** Walks a path from the root, one point lookup per component. */
final class Resolver {
  static final byte[] ROOT_KEY = Keys.inode(Keys.NO_PARENT, "");

  private Resolver() {}

  /** Resolves {@code path} with no permission check (the masters' own look-ups). */
  static Resolution resolve(KvReader reader, String path) throws BfsException {
    return resolve(reader, path, Access.UNCHECKED);
  }

  /**
   * Resolves every component but the last, which must all be existing directories; the last
   * may be missing. Fails with NOT_FOUND or NOT_DIRECTORY naming the component that broke.
   * Each directory walked through must let the caller traverse it, checked before its entry is
   * looked up, so a denied caller learns nothing of what lies below.
   */
  static Resolution resolve(KvReader reader, String path, Access access) throws BfsException {
    List<String> names = BfsPaths.components(path);
    List<Inode> ancestors = new ArrayList<>();
    Inode current = root(reader);
    if (names.isEmpty()) {
      return new Resolution(path, names, List.of(current), current);
    }
    String walked = "";
    for (int i = 0; i < names.size() - 1; i++) {
      ancestors.add(current);
      walked = walked + "/" + names.get(i);
      access.traverse(current);
      Inode next = lookup(reader, current, names.get(i), walked);
      if (next == null) {
        throw BfsException.notFound(walked);
      }
      if (!next.isDirectory()) {
        throw BfsException.notDirectory(walked);
      }
      current = next;
    }
    ancestors.add(current);
    access.traverse(current);
    Inode target = lookup(reader, current, names.get(names.size() - 1), path);
    return new Resolution(path, names, ancestors, target);
  }

  static Inode root(KvReader reader) {
    byte[] value = reader.get(Cf.INODES, ROOT_KEY);
    if (value == null) {
      throw new IllegalStateException("the namespace has no root directory");
    }
    return new Inode(BfsPaths.ROOT, ROOT_KEY, parse(value));
  }

  static Inode lookup(KvReader reader, Inode dir, String name, String path) {
    byte[] key = Keys.inode(dir.id(), name);
    byte[] value = reader.get(Cf.INODES, key);
    return value == null ? null : new Inode(path, key, parse(value));
  }

  /** The entry with inode id {@code id}, with its current path, or null if it is gone. */
  static Inode byId(KvReader reader, long id) {
    byte[] key = reader.get(Cf.PARENTS, Keys.id(id));
    byte[] value = key == null ? null : reader.get(Cf.INODES, key);
    return value == null ? null : new Inode(pathOf(reader, key), key, parse(value));
  }

  /** Rebuilds the path of the entry stored under {@code key} by walking parent links up. */
  static String pathOf(KvReader reader, byte[] key) {
    List<String> names = new ArrayList<>();
    byte[] k = key;
    while (true) {
      names.add(Keys.nameOf(k));
      long parent = Keys.parentOf(k);
      if (parent == Keys.ROOT_ID) {
        break;
      }
      k = reader.get(Cf.PARENTS, Keys.id(parent));
      if (k == null || names.size() > BfsPaths.MAX_DEPTH) {
        throw new IllegalStateException("broken parent chain above inode " + parent);
      }
    }
    StringBuilder path = new StringBuilder();
    for (int i = names.size() - 1; i >= 0; i--) {
      path.append('/').append(names.get(i));
    }
    return path.toString();
  }

  static InodeRecord parse(byte[] value) {
    try {
      return InodeRecord.parseFrom(value);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("corrupt inode record", e);
    }
  }
}
