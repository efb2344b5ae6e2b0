package io.bigfs.shell.output;

import com.google.gson.stream.JsonWriter;
import io.bigfs.client.FileInfo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;

/**
 * One JSON document per command (--json), written with Gson's streaming writer. Field names
 * are part of the shell's interface: scripts depend on them, so they only ever get added.
 */
public final class Json {
  private Json() {}

  /** What writes the document's body. */
  @FunctionalInterface
  public interface Body {
    void write(JsonWriter json) throws IOException;
  }

  /** Renders the document, then prints it in one piece, so a failure midway prints nothing. */
  public static void print(PrintStream out, Body body) throws IOException {
    StringWriter text = new StringWriter();
    JsonWriter json = new JsonWriter(text);
    json.setIndent("  ");
    body.write(json);
    json.flush();
    out.println(text);
  }

  /** A file or directory, as ls --json and stat --json show it. */
  public static void file(JsonWriter json, FileInfo f) throws IOException {
    json.beginObject()
        .name("path").value(f.path())
        .name("name").value(f.name())
        .name("type").value(f.directory() ? "directory" : "file")
        .name("length").value(f.length())
        .name("replication").value(f.replication())
        .name("chunkSize").value(f.chunkSize())
        .name("chunks").value(f.chunkCount())
        .name("children").value(f.children())
        .name("mode").value(Formats.octal(f.mode()))
        .name("permissions").value(Formats.permissions(f.directory(), f.mode()))
        .name("owner").value(f.owner())
        .name("group").value(f.group())
        .name("modifiedMs").value(f.modifiedMs())
        .name("accessedMs").value(f.accessedMs())
        .name("underConstruction").value(f.underConstruction())
        .name("inodeId").value(f.inodeId())
        .endObject();
  }
}
