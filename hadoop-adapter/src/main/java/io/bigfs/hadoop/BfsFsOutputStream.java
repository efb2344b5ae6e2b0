package io.bigfs.hadoop;

import io.bigfs.client.BfsOutputStream;
import org.apache.hadoop.fs.StreamCapabilities;
import org.apache.hadoop.fs.Syncable;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A BigFS file being written, as Hadoop writes it: {@link Syncable} (hflush makes the bytes
 * visible to new readers, hsync also forces them to disk on every replica) and declaring so
 * through {@link StreamCapabilities}. Closing commits the file; the file system learns of it so
 * that it can close streams left open when it is closed itself, as HDFS does.
 */
final class BfsFsOutputStream extends OutputStream implements Syncable, StreamCapabilities {
  private final BfsOutputStream out;
  private final Consumer<BfsFsOutputStream> onClose;

  BfsFsOutputStream(BfsOutputStream out, Consumer<BfsFsOutputStream> onClose) {
    this.out = out;
    this.onClose = onClose;
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
  }

  /** Like HDFS, flush() only hands bytes on; hflush() is what makes them visible. */
  @Override
  public void flush() {
    out.flush();
  }

  @Override
  public void hflush() throws IOException {
    out.hflush();
  }

  @Override
  public void hsync() throws IOException {
    out.hsync();
  }

  @Override
  public boolean hasCapability(String capability) {
    return switch (capability.toLowerCase(Locale.ROOT)) {
      case StreamCapabilities.HFLUSH, StreamCapabilities.HSYNC -> true;
      default -> false;
    };
  }

  @Override
  public void close() throws IOException {
    try {
      out.close();
    } finally {
      onClose.accept(this);
    }
  }

  @Override
  public String toString() {
    return "BfsFsOutputStream{" + out.file().path() + "}";
  }
}
