package cn.beijing.carboninclusion.disclosure;

import java.time.Instant;

/** One item of the disclosure feed as the public sees it. */
public record PublishedItem(Long id, String kind, String title, String body, Instant publishedAt,
    String subjectType, Long subjectId) {
  public static PublishedItem of(DisclosureEntry e) {
    return new PublishedItem(e.getId(), e.getKind(), e.getTitle(), e.getBody(), e.getPublishedAt(),
        e.getSubjectType(), e.getSubjectId());
  }
}
