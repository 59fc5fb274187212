package cn.beijing.carboninclusion.common;

import org.springframework.data.domain.PageRequest;

/**
 * The one paging rule of the public JSON lists ({@code /api/public/**}): {@code page} counts from 0, {@code size}
 * from 1 to {@value #MAX_SIZE}; anything outside is brought within, so no request returns unbounded rows.
 */
public final class PublicPage {
  public static final int MAX_SIZE = 200;

  private PublicPage() {
  }

  /** The page asked for, within bounds ({@code max}: a list's own smaller limit). */
  public static PageRequest of(int page, int size, int max) {
    return PageRequest.of(Math.max(page, 0), Math.min(Math.max(size, 1), Math.min(max, MAX_SIZE)));
  }

  public static PageRequest of(int page, int size) {
    return of(page, size, MAX_SIZE);
  }
}
