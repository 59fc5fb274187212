package cn.beijing.carboninclusion.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.1 over a plain socket, one connection per request ({@code Connection: close}), so that the fuzzer sends
 * exactly the bytes it means (no client library repairs a body, a header or a multipart message) and so that each
 * request can come from its own loopback address (127.x.y.z): the public endpoints limit requests per client address,
 * and the other tests of the shared platform use 127.0.0.1 and ::1, whose allowance the fuzzer must not spend.
 */
final class RawHttpClient implements AutoCloseable {
  private static final int MAX_ANSWER = 64 * 1024 * 1024;
  private static final long TIMEOUT_SECONDS = 120;

  private final int port;
  private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "fuzz-watchdog");
    t.setDaemon(true);
    return t;
  });

  RawHttpClient(int port) {
    this.port = port;
  }

  /** What came back; {@code status} 0 when no answer came (then {@code error} says why). */
  record Answer(int status, Map<String, String> headers, byte[] body, String error) {
    String contentType() {
      return headers.getOrDefault("content-type", "");
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  Answer exchange(InetAddress from, String method, String target, List<Map.Entry<String, byte[]>> headers,
      byte[] body) {
    Socket socket = new Socket();
    ScheduledFuture<?> timeout = watchdog.schedule(() -> closeQuietly(socket), TIMEOUT_SECONDS, TimeUnit.SECONDS);
    try (socket) {
      socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
      socket.bind(new InetSocketAddress(from, 0));
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      head.writeBytes((method + " " + target + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      for (Map.Entry<String, byte[]> header : headers) {
        head.writeBytes((header.getKey() + ": ").getBytes(StandardCharsets.ISO_8859_1));
        head.writeBytes(header.getValue());
        head.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
      }
      if (body != null) {
        head.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      }
      head.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
      String writeError = null;
      try {
        OutputStream out = socket.getOutputStream();
        out.write(head.toByteArray());
        if (body != null) {
          out.write(body);
        }
        out.flush();
      } catch (IOException e) {
        // the server may answer (e.g. 401, 413) and close before it has read the whole body: read what it said
        writeError = "write: " + e;
      }
      try {
        return parse(readAll(socket.getInputStream()));
      } catch (IOException e) {
        return new Answer(0, Map.of(), new byte[0], (writeError == null ? "" : writeError + "; ") + "read: " + e);
      }
    } catch (IOException e) {
      return new Answer(0, Map.of(), new byte[0], e.toString());
    } finally {
      timeout.cancel(false);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[65536];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      all.write(buffer, 0, n);
      if (all.size() > MAX_ANSWER) {
        throw new IOException("answer longer than " + MAX_ANSWER + " bytes");
      }
    }
    return all.toByteArray();
  }

  private static Answer parse(byte[] raw) throws IOException {
    int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
    if (end < 0) {
      throw new IOException("no complete answer (" + raw.length + " bytes)");
    }
    String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP answer: " + lines[0]);
    }
    int status = Integer.parseInt(statusLine[1]);
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim(),
            (a, b) -> a + ", " + b);
      }
    }
    int start = end + 4;
    byte[] body;
    if (headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
      body = dechunk(raw, start);
    } else if (headers.containsKey("content-length")) {
      int length = Integer.parseInt(headers.get("content-length"));
      if (start + length > raw.length) {
        throw new IOException("answer shorter than its Content-Length");
      }
      body = java.util.Arrays.copyOfRange(raw, start, start + length);
    } else {
      body = java.util.Arrays.copyOfRange(raw, start, raw.length);
    }
    return new Answer(status, headers, body, null);
  }

  private static byte[] dechunk(byte[] raw, int from) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int pos = from;
    while (true) {
      int lineEnd = indexOf(raw, new byte[] {'\r', '\n'}, pos);
      if (lineEnd < 0) {
        throw new IOException("truncated chunked answer");
      }
      String size = new String(raw, pos, lineEnd - pos, StandardCharsets.ISO_8859_1);
      int semicolon = size.indexOf(';');
      int length = Integer.parseInt((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
      pos = lineEnd + 2;
      if (length == 0) {
        return body.toByteArray();
      }
      if (pos + length > raw.length) {
        throw new IOException("truncated chunk");
      }
      body.write(raw, pos, length);
      pos += length + 2;
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing after a timeout
    }
  }

  @Override
  public void close() {
    watchdog.shutdownNow();
  }
}
