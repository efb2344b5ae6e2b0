package io.bigfs.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A throwaway CA and one certificate for 127.0.0.1 and localhost signed by it, made at test time
 * with the JDK's keytool (so no private key is ever committed). Every node of a test cluster
 * uses the one certificate, for serving and for dialling (mutual TLS).
 *
 * @param ca   the CA certificate (PEM)
 * @param cert the node certificate (PEM)
 * @param key  its private key (PEM, PKCS#8)
 */
public record TestCertificates(Path ca, Path cert, Path key) {
  private static final String PASSWORD = "test-only";

  /** Makes a CA and a node certificate in {@code dir}. */
  public static TestCertificates create(Path dir) throws IOException {
    return create(dir, "BigFS test CA");
  }

  /** The same, with the CA named {@code caName} (two calls make two CAs that do not trust each other). */
  public static TestCertificates create(Path dir, String caName) throws IOException {
    Files.createDirectories(dir);
    Path caStore = dir.resolve("ca.p12");
    Path nodeStore = dir.resolve("node.p12");
    Path csr = dir.resolve("node.csr");
    TestCertificates certs = new TestCertificates(dir.resolve("ca.pem"), dir.resolve("node.pem"),
        dir.resolve("node-key.pem"));
    keytool("-genkeypair", "-keystore", caStore, "-alias", "ca", "-dname", "CN=" + caName,
        "-ext", "bc:c", "-ext", "ku:c=keyCertSign,cRLSign");
    keytool("-genkeypair", "-keystore", nodeStore, "-alias", "node", "-dname", "CN=localhost");
    keytool("-certreq", "-keystore", nodeStore, "-alias", "node", "-file", csr);
    keytool("-gencert", "-keystore", caStore, "-alias", "ca", "-infile", csr, "-outfile", certs.cert, "-rfc",
        "-ext", "san=ip:127.0.0.1,dns:localhost", "-ext", "eku=serverAuth,clientAuth");
    keytool("-exportcert", "-keystore", caStore, "-alias", "ca", "-rfc", "-file", certs.ca);
    writePrivateKey(nodeStore, certs.key);
    return certs;
  }

  private static void keytool(Object... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-noprompt", "-storetype", "PKCS12", "-storepass", PASSWORD));
    for (Object a : args) {
      command.add(a.toString());
    }
    if ("-genkeypair".equals(args[0])) {
      command.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2"));
    } else if ("-gencert".equals(args[0])) {
      command.addAll(List.of("-validity", "2"));
    }
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        throw new IOException("keytool " + args[0] + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running keytool", e);
    }
  }

  /** keytool cannot export a private key; the keystore API can, and PKCS#8 is its encoding. */
  private static void writePrivateKey(Path store, Path pem) throws IOException {
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, PASSWORD.toCharArray());
      PrivateKey key = (PrivateKey) ks.getKey("node", PASSWORD.toCharArray());
      String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
      Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read the test key store: " + e.getMessage(), e);
    }
  }
}
