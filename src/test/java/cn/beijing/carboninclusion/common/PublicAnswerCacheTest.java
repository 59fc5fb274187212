package cn.beijing.carboninclusion.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The public answers' conditional GET and short shared cache, without a server: what is kept and given to others, what
 * never is, and the 304 answers.
 */
class PublicAnswerCacheTest {
  final AtomicLong nanos = new AtomicLong(1);
  final Ticker ticker = nanos::get;
  final PublicAnswerCache cache = new PublicAnswerCache(Duration.ofSeconds(5), 100, ticker);
  final AtomicInteger rendered = new AtomicInteger();

  /** A page whose body changes every time it is rendered (so a kept answer is recognisable). */
  FilterChain page(Consumer<HttpServletResponse> extra) {
    return (request, response) -> {
      HttpServletResponse http = (HttpServletResponse) response;
      http.setContentType("text/html;charset=UTF-8");
      extra.accept(http);
      http.getOutputStream().write(("<p>第 " + rendered.incrementAndGet() + " 次</p>").getBytes(StandardCharsets.UTF_8));
    };
  }

  FilterChain page() {
    return page(r -> {});
  }

  static MockHttpServletRequest get(String uri) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
    int query = uri.indexOf('?');
    if (query >= 0) {
      request.setRequestURI(uri.substring(0, query));
      request.setQueryString(uri.substring(query + 1));
      for (String pair : uri.substring(query + 1).split("&")) {
        String[] kv = pair.split("=", 2);
        request.addParameter(kv[0], kv.length > 1 ? kv[1] : "");
      }
    }
    return request;
  }

  MockHttpServletResponse send(MockHttpServletRequest request, FilterChain chain) throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    cache.doFilter(request, response, chain);
    return response;
  }

  @Test
  void anAnonymousPageIsKeptForItsTimeAndGivenToEveryoneWithItsTag() throws Exception {
    MockHttpServletResponse first = send(get("/portal/projects?page=2"), page());
    MockHttpServletResponse second = send(get("/portal/projects?page=2"), page());
    assertThat(rendered).hasValue(1);
    assertThat(second.getContentAsString(StandardCharsets.UTF_8)).isEqualTo("<p>第 1 次</p>");
    assertThat(second.getContentType()).isEqualTo("text/html;charset=UTF-8");
    assertThat(first.getHeader("ETag")).isNotBlank().isEqualTo(second.getHeader("ETag"));
    assertThat(first.getHeader("Last-Modified")).isNotBlank().isEqualTo(second.getHeader("Last-Modified"));
    assertThat(second.getHeader("Cache-Control")).isEqualTo("no-cache");

    send(get("/portal/projects?page=3"), page()); // another page is another answer
    assertThat(rendered).hasValue(2);

    nanos.addAndGet(Duration.ofSeconds(6).toNanos());
    assertThat(send(get("/portal/projects?page=2"), page()).getContentAsString(StandardCharsets.UTF_8))
        .isEqualTo("<p>第 3 次</p>");
  }

  @Test
  void aKeptListKeepsItsTotal() throws Exception {
    FilterChain list = page(r -> r.setHeader("X-Total-Count", "12345"));
    send(get("/api/public/disclosures?page=7"), list);
    MockHttpServletResponse kept = send(get("/api/public/disclosures?page=7"), list);
    assertThat(rendered).hasValue(1);
    assertThat(kept.getHeader("X-Total-Count")).isEqualTo("12345");
    assertThat(kept.getHeaders("X-Total-Count")).hasSize(1);
  }

  @Test
  void aClientThatHasTheAnswerGetsNotModified() throws Exception {
    MockHttpServletResponse first = send(get("/api/public/projects"), page());
    MockHttpServletRequest again = get("/api/public/projects");
    again.addHeader("If-None-Match", first.getHeader("ETag"));
    MockHttpServletResponse notModified = send(again, page());
    assertThat(notModified.getStatus()).isEqualTo(304);
    assertThat(notModified.getContentAsByteArray()).isEmpty();
    assertThat(notModified.getHeader("ETag")).isEqualTo(first.getHeader("ETag"));

    MockHttpServletRequest since = get("/api/public/projects");
    since.addHeader("If-Modified-Since", first.getHeader("Last-Modified"));
    assertThat(send(since, page()).getStatus()).isEqualTo(304);

    MockHttpServletRequest other = get("/api/public/projects");
    other.addHeader("If-None-Match", "\"another\"");
    other.addHeader("If-Modified-Since", first.getHeader("Last-Modified")); // If-None-Match decides
    assertThat(send(other, page()).getStatus()).isEqualTo(200);
  }

  @Test
  void aFreshAnswerIsTaggedAndAnsweredNotModifiedToo() throws Exception {
    PublicAnswerCache keepsNothing = new PublicAnswerCache(Duration.ZERO, 100, ticker);
    MockHttpServletResponse first = new MockHttpServletResponse();
    keepsNothing.doFilter(get("/portal"), first, page());
    MockHttpServletRequest again = get("/portal");
    again.addHeader("If-None-Match", "W/" + first.getHeader("ETag"));
    MockHttpServletResponse second = new MockHttpServletResponse();
    keepsNothing.doFilter(again, second, (request, response) -> response.getOutputStream()
        .write("<p>第 1 次</p>".getBytes(StandardCharsets.UTF_8)));
    assertThat(second.getStatus()).isEqualTo(304);
    assertThat(second.getContentAsByteArray()).isEmpty();
    keepsNothing.doFilter(get("/portal"), new MockHttpServletResponse(), page());
    assertThat(rendered).as("nothing kept").hasValue(2);
  }

  @Test
  void nothingOfOneVisitorIsKeptOrGivenToAnother() throws Exception {
    MockHttpServletRequest signedIn = get("/api/public/projects");
    signedIn.addHeader("Authorization", "Basic Z3JlZW50cmF2ZWw6ZGVtbw==");
    send(signedIn, page());
    send(get("/api/public/projects"), page());
    assertThat(rendered).as("an answer to a signed-in request is not kept").hasValue(2);

    MockHttpServletRequest withCookie = get("/portal/projects/7");
    withCookie.addHeader("Cookie", "XSRF-TOKEN=abc");
    send(withCookie, page());
    send(withCookie, page());
    assertThat(rendered).as("a request with a cookie is answered afresh").hasValue(4);

    send(get("/portal/projects/8"), page(r -> r.addHeader("Set-Cookie", "XSRF-TOKEN=def; Path=/")));
    MockHttpServletResponse next = send(get("/portal/projects/8"), page());
    assertThat(rendered).as("an answer that sets a cookie is not kept").hasValue(6);
    assertThat(next.getHeader("Set-Cookie")).isNull();

    FilterChain withForm = (request, response) -> {
      PublicAnswerCache.doNotShare((jakarta.servlet.http.HttpServletRequest) request);
      page().doFilter(request, response);
    };
    MockHttpServletResponse form = send(get("/portal/projects/9"), withForm);
    send(get("/portal/projects/9"), withForm);
    assertThat(rendered).as("a page marked as the visitor's is not kept").hasValue(8);
    assertThat(form.getHeader("Cache-Control")).as("nor marked for browsers to keep").isNull();
  }

  @Test
  void onlySuccessfulGetsAreKeptAndCsvIsStreamedThrough() throws Exception {
    FilterChain notFound = (request, response) -> {
      rendered.incrementAndGet();
      ((HttpServletResponse) response).sendError(404);
    };
    send(get("/portal/projects/999"), notFound);
    MockHttpServletResponse missing = send(get("/portal/projects/999"), notFound);
    assertThat(rendered).hasValue(2);
    assertThat(missing.getStatus()).isEqualTo(404);
    assertThat(missing.getHeader("ETag")).isNull();

    MockHttpServletRequest post = new MockHttpServletRequest("POST", "/portal/projects/9/objections");
    send(post, page());
    send(post, page());
    assertThat(rendered).hasValue(4);

    MockHttpServletResponse csv = send(get("/portal/projects?format=csv"), page());
    send(get("/portal/projects?format=csv"), page());
    assertThat(rendered).hasValue(6);
    assertThat(csv.getHeader("ETag")).as("written as it is produced, never buffered").isNull();
  }
}
