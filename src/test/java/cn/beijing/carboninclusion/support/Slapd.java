package cn.beijing.carboninclusion.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenLDAP server for the directory identity tests: Debian's {@code slapd} (installed by tools/ensure-slapd.sh
 * in the build), started as a child process like the embedded PostgreSQL — a configuration of its own (slapd.conf,
 * mdb backend) and its database in a fresh folder under target/, on a free port of 127.0.0.1 —, filled with an LDIF
 * through {@code ldapadd}, stopped by {@link #close()}. A missing slapd fails the test that asks for one.
 */
public final class Slapd implements AutoCloseable {
  public static final String SLAPD = "/usr/sbin/slapd";
  public static final String LDAPADD = "/usr/bin/ldapadd";

  private final Path dir;
  private final String suffix;
  private final String rootDn;
  private final String rootPassword;
  private final int port;
  private final Process process;

  private Slapd(Path dir, String suffix, String rootPassword, int port, Process process) {
    this.dir = dir;
    this.suffix = suffix;
    this.rootDn = "cn=admin," + suffix;
    this.rootPassword = rootPassword;
    this.port = port;
    this.process = process;
  }

  /** Starts a server for {@code suffix} (e.g. {@code dc=carbon,dc=example}) and waits until it answers. */
  public static Slapd start(String suffix) throws IOException, InterruptedException {
    for (String tool : List.of(SLAPD, LDAPADD)) {
      if (!Files.isExecutable(Paths.get(tool))) {
        throw new IllegalStateException(tool + " missing: the directory identity tests need Debian's slapd and "
            + "ldap-utils (tools/ensure-slapd.sh installs them; 'apt-get install slapd ldap-utils')");
      }
    }
    Path target = Paths.get("target").toAbsolutePath();
    Files.createDirectories(target);
    Path dir = Files.createTempDirectory(target, "slapd-");
    Files.createDirectories(dir.resolve("data"));
    String rootPassword = "root-" + Long.toHexString(System.nanoTime());
    Files.writeString(dir.resolve("slapd.conf"), String.join("\n",
        "include /etc/ldap/schema/core.schema",
        "include /etc/ldap/schema/cosine.schema",
        "include /etc/ldap/schema/inetorgperson.schema",
        "pidfile " + dir.resolve("slapd.pid"),
        "argsfile " + dir.resolve("slapd.args"),
        "modulepath /usr/lib/ldap",
        "moduleload back_mdb",
        "database mdb",
        "maxsize 67108864",
        "suffix \"" + suffix + "\"",
        "rootdn \"cn=admin," + suffix + "\"",
        "rootpw " + rootPassword,
        "directory " + dir.resolve("data"),
        "index objectClass eq",
        "index uid,member,businessCategory eq",
        ""), StandardCharsets.UTF_8);
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    // -d 0: stays in the foreground (a child of this JVM, ended by close()) and logs nothing but errors
    Process process = new ProcessBuilder(SLAPD, "-d", "0", "-h", "ldap://127.0.0.1:" + port + "/", "-f",
        dir.resolve("slapd.conf").toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("slapd.log").toFile()).start();
    Slapd slapd = new Slapd(dir, suffix, rootPassword, port, process);
    Runtime.getRuntime().addShutdownHook(new Thread(slapd::close));
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("slapd stopped at start (exit " + process.exitValue() + "): "
            + Files.readString(dir.resolve("slapd.log")));
      }
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        break;
      } catch (IOException notYet) {
        if (Instant.now().isAfter(deadline)) {
          slapd.close();
          throw new IllegalStateException("slapd did not answer on port " + port + " within 30 s");
        }
        Thread.sleep(100);
      }
    }
    return slapd;
  }

  /** Adds the entries of an LDIF (UTF-8) as the directory's manager, with {@code ldapadd}. */
  public void add(String ldif) throws IOException, InterruptedException {
    Path file = Files.createTempFile(dir, "entries-", ".ldif");
    Files.writeString(file, ldif, StandardCharsets.UTF_8);
    Process ldapadd = new ProcessBuilder(LDAPADD, "-x", "-H", url(), "-D", rootDn, "-w", rootPassword, "-f",
        file.toString()).redirectErrorStream(true).start();
    String output = new String(ldapadd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!ldapadd.waitFor(60, TimeUnit.SECONDS) || ldapadd.exitValue() != 0) {
      throw new IllegalStateException("ldapadd failed: " + output);
    }
  }

  public String url() {
    return "ldap://127.0.0.1:" + port + "/";
  }

  public String suffix() {
    return suffix;
  }

  public String rootDn() {
    return rootDn;
  }

  public String rootPassword() {
    return rootPassword;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
