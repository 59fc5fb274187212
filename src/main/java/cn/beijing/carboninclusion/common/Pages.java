package cn.beijing.carboninclusion.common;

import org.springframework.data.domain.PageRequest;

/**
 * A page of a list as a query asks for it ({@code page}, {@code size}), bounded: pages from 0, sizes from 1 to the
 * list's maximum, and no page beyond the offset a query can skip ({@code page × size} within an {@code int}, the
 * first result JPA takes). A page past the end is an empty page, as it is for any page past the last row.
 */
public final class Pages {
  private Pages() {}

  public static PageRequest of(int page, int size, int maxSize) {
    int boundedSize = Math.min(Math.max(size, 1), maxSize);
    int boundedPage = Math.min(Math.max(page, 0), Integer.MAX_VALUE / boundedSize - 1);
    return PageRequest.of(boundedPage, boundedSize);
  }
}
