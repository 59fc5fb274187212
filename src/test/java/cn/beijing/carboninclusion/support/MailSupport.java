package cn.beijing.carboninclusion.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** One in-process SMTP server (GreenMail) per test JVM, on a free port; tests may stop and restart it. */
public final class MailSupport {
  private static ServerSetup setup;
  private static GreenMail greenMail;

  public static synchronized int port() {
    if (setup == null) {
      try (ServerSocket socket = new ServerSocket(0)) {
        setup = new ServerSetup(socket.getLocalPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      start();
    }
    return setup.getPort();
  }

  public static synchronized GreenMail server() {
    port();
    return greenMail;
  }

  /** Simulates a mail outage. */
  public static synchronized void stop() {
    greenMail.stop();
  }

  public static synchronized void start() {
    greenMail = new GreenMail(setup);
    greenMail.start();
  }

  private MailSupport() {}
}
