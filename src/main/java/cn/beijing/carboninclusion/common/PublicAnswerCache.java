package cn.beijing.carboninclusion.common;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Conditional GET and a short shared cache for the public answers ({@code /portal}, {@code /api/public}; docs/portal.md,
 * "Caching").
 *
 * <p>Every successful GET answer of those paths gets an {@code ETag} (a digest of its bytes) and a
 * {@code Last-Modified} (when it was rendered); a request whose {@code If-None-Match} names that tag, or whose
 * {@code If-Modified-Since} is not before that time, is answered {@code 304 Not Modified} without a body.
 *
 * <p>An answer is <em>shared</em> — kept for {@code ttl} and given to every other anonymous request of the same URL —
 * only when nothing in it can belong to one visitor: the request carries no {@code Authorization} and no
 * {@code Cookie} header, the answer is a 200 that sets no cookie, and the page did not say it holds something of its
 * visitor ({@link #doNotShare}: the project page with the objection form carries the visitor's CSRF token). CSV
 * exports ({@code format=csv}) are written straight through, never buffered nor kept. The security headers are the
 * security chain's, written on every answer, kept or not, since this filter runs after it.
 */
public class PublicAnswerCache extends OncePerRequestFilter {
  static final String DO_NOT_SHARE = PublicAnswerCache.class.getName() + ".doNotShare";
  /** Answers larger than this are still tagged but never kept. */
  static final int MAX_KEPT_BYTES = 1 << 20;

  /** Headers of an answer that are never kept: the cache's own, the connection's, and cookies. */
  private static final Set<String> NOT_KEPT = Set.of("set-cookie", "etag", "last-modified", "content-length",
      "transfer-encoding", "date", "connection", "content-type");

  /**
   * A kept answer: what the client receives again, with the headers the application set (such as a list's
   * {@code X-Total-Count}, a CSV's file name, the cache headers); the security headers are written afresh by the chain.
   */
  record Answer(String contentType, List<Map.Entry<String, String>> headers, byte[] body, String etag,
      long lastModified) {}

  private final Duration ttl;
  private final Cache<String, Answer> kept;

  public PublicAnswerCache(Duration ttl, long maxEntries) {
    this(ttl, maxEntries, Ticker.systemTicker());
  }

  PublicAnswerCache(Duration ttl, long maxEntries, Ticker ticker) {
    this.ttl = ttl;
    this.kept = ttl.isZero() || ttl.isNegative() ? null : Caffeine.newBuilder().expireAfterWrite(ttl)
        .maximumSize(maxEntries).ticker(ticker).build();
  }

  /** Marks the request's answer as holding something of its visitor: it is never kept nor given to anyone else. */
  public static void doNotShare(HttpServletRequest request) {
    request.setAttribute(DO_NOT_SHARE, Boolean.TRUE);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String format = request.getParameter("format");
    if (!"GET".equals(request.getMethod()) || (format != null && format.trim().equalsIgnoreCase("csv"))) {
      chain.doFilter(request, response); // CSV is streamed as it is written
      return;
    }
    boolean anonymous = request.getHeader(HttpHeaders.AUTHORIZATION) == null
        && request.getHeader(HttpHeaders.COOKIE) == null;
    String key = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    if (kept != null && anonymous) {
      Answer answer = kept.getIfPresent(key);
      if (answer != null) {
        write(request, response, answer);
        return;
      }
    }
    ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, buffered);
    if (buffered.getStatus() != HttpServletResponse.SC_OK || response.isCommitted()) {
      buffered.copyBodyToResponse();
      return;
    }
    byte[] body = buffered.getContentAsByteArray();
    boolean shareable = anonymous && request.getAttribute(DO_NOT_SHARE) == null
        && buffered.getHeaders(HttpHeaders.SET_COOKIE).isEmpty();
    if (shareable && request.getRequestURI().startsWith("/portal")
        && buffered.getHeader(HttpHeaders.CACHE_CONTROL) == null) {
      // a browser keeps a public page and asks again with its tag (the stylesheet keeps its own max-age)
      buffered.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (String name : buffered.getHeaderNames()) {
      if (!NOT_KEPT.contains(name.toLowerCase(Locale.ROOT))) {
        buffered.getHeaders(name).forEach(value -> headers.add(Map.entry(name, value)));
      }
    }
    Answer answer = new Answer(buffered.getContentType(), List.copyOf(headers), body, etag(body),
        System.currentTimeMillis() / 1000 * 1000);
    if (kept != null && shareable && body.length <= MAX_KEPT_BYTES) {
      kept.put(key, answer);
    }
    buffered.setHeader(HttpHeaders.ETAG, answer.etag());
    buffered.setDateHeader(HttpHeaders.LAST_MODIFIED, answer.lastModified());
    if (notModified(request, answer)) {
      buffered.resetBuffer();
      buffered.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
      buffered.setContentLength(0);
      buffered.copyBodyToResponse();
      return;
    }
    buffered.copyBodyToResponse();
  }

  private static void write(HttpServletRequest request, HttpServletResponse response, Answer answer)
      throws IOException {
    for (Map.Entry<String, String> header : answer.headers()) {
      response.addHeader(header.getKey(), header.getValue());
    }
    response.setHeader(HttpHeaders.ETAG, answer.etag());
    response.setDateHeader(HttpHeaders.LAST_MODIFIED, answer.lastModified());
    if (notModified(request, answer)) {
      response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
      return;
    }
    response.setStatus(HttpServletResponse.SC_OK);
    if (answer.contentType() != null) {
      response.setContentType(answer.contentType());
    }
    response.setContentLength(answer.body().length);
    response.getOutputStream().write(answer.body());
  }

  /** RFC 9110 §13.2.2: If-None-Match decides when present; otherwise If-Modified-Since. */
  static boolean notModified(HttpServletRequest request, Answer answer) {
    String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
    if (ifNoneMatch != null) {
      return Arrays.stream(ifNoneMatch.split(",")).map(String::trim)
          .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
          .anyMatch(tag -> tag.equals("*") || tag.equals(answer.etag()));
    }
    long since;
    try {
      since = request.getDateHeader(HttpHeaders.IF_MODIFIED_SINCE);
    } catch (IllegalArgumentException e) {
      return false; // a date that is no date is ignored (RFC 9110)
    }
    return since >= 0 && answer.lastModified() <= since;
  }

  static String etag(byte[] body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
      return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** How long an answer is shared (zero: never). */
  public Duration ttl() {
    return ttl;
  }
}
