package cn.beijing.carboninclusion.common;

import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.ResponseEntity;

/**
 * The one paging rule of the lists ({@code /api/public/**} and the portal's): {@code page} counts from 0, {@code size}
 * from 1 to {@value #MAX_SIZE}; anything outside is brought within, so no request returns unbounded rows, and no page
 * lies beyond the offset a query can skip ({@code page × size} within an {@code int}, the first result JPA takes): a
 * page past the end is an empty page, as for any page past the last row. The staff lists ({@code /api/projects},
 * {@code /api/agencies}, {@code /api/bars}) follow the same rule and name the number of all matching rows in the
 * header {@value #TOTAL_COUNT}.
 */
public final class PublicPage {
  public static final int MAX_SIZE = 200;
  /** The header that names how many rows match a paged list in all (every page together). */
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

  /** The page asked for, cut from a list already in memory. */
  public static <T> List<T> slice(List<T> all, int page, int size) {
    PageRequest request = of(page, size);
    int from = (int) Math.min(request.getOffset(), all.size());
    return all.subList(from, Math.min(from + request.getPageSize(), all.size()));
  }

  /** A page as the answer: its rows as a JSON array, the number of all matching rows in {@value #TOTAL_COUNT}. */
  public static <T> ResponseEntity<List<T>> answer(Page<T> page) {
    return ResponseEntity.ok().header(TOTAL_COUNT, Long.toString(page.getTotalElements())).body(page.getContent());
  }
}
