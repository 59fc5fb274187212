package cn.beijing.carboninclusion.common;

import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.ResponseEntity;

/**
 * The one paging rule of the lists ({@code /api/public/**} and the portal's): {@code page} counts from 0, {@code size}
 * from 1 to {@value #MAX_SIZE}; anything outside is brought within, so no request returns unbounded rows, and no page
 * lies beyond the offset a query can skip ({@code page × size} within an {@code int}, the first result JPA takes): a
 * page past the end is an empty page, as for any page past the last row. A list's answer is the page's array with the
 * number of rows of the whole list in the header {@value #TOTAL_COUNT} ({@link #answer}); the staff lists
 * ({@code /api/projects}, {@code /api/agencies}, {@code /api/bars}) follow the same rule.
 */
public final class PublicPage {
  public static final int MAX_SIZE = 200;
  /** The header that carries a list's total number of rows beside the page's array. */
  public static final String TOTAL_COUNT = "X-Total-Count";

  private PublicPage() {
  }

  /** The page asked for, within bounds ({@code max}: a list's own smaller limit). */
  public static PageRequest of(int page, int size, int max) {
    int boundedSize = Math.min(Math.max(size, 1), Math.min(max, MAX_SIZE));
    int boundedPage = Math.min(Math.max(page, 0), Integer.MAX_VALUE / boundedSize - 1);
    return PageRequest.of(boundedPage, boundedSize);
  }

  public static PageRequest of(int page, int size) {
    return of(page, size, MAX_SIZE);
  }

  /** A page of a list as the answer: its rows, the total number of rows in {@value #TOTAL_COUNT}. */
  public static <T> ResponseEntity<List<T>> answer(List<T> rows, long total) {
    return ResponseEntity.ok().header(TOTAL_COUNT, Long.toString(total)).body(rows);
  }

  /** A page a repository answered, with its total. */
  public static <T> ResponseEntity<List<T>> answer(Page<T> page) {
    return answer(page.getContent(), page.getTotalElements());
  }

  /** The page asked for of a list already in memory, with its total. */
  public static <T> ResponseEntity<List<T>> answer(List<T> all, int page, int size) {
    return answer(slice(all, page, size), all.size());
  }

  /** The page asked for, cut from a list already in memory. */
  public static <T> List<T> slice(List<T> all, int page, int size) {
    PageRequest request = of(page, size);
    int from = (int) Math.min(request.getOffset(), all.size());
    return all.subList(from, Math.min(from + request.getPageSize(), all.size()));
  }
}
