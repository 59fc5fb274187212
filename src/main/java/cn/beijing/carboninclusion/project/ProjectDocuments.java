package cn.beijing.carboninclusion.project;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Repository of application documents. */
public interface ProjectDocuments extends JpaRepository<ProjectDocument, Long> {

  /** Metadata only (the content is not loaded). */
  @Query("""
      select new cn.beijing.carboninclusion.project.ProjectDocuments$Info(d.id, d.kind, d.filename, d.contentType,
        d.sizeBytes, d.sha256, d.uploadedBy, d.uploadedAt)
      from ProjectDocument d where d.projectId = :projectId order by d.id""")
  List<Info> infoOf(@Param("projectId") Long projectId);

  record Info(Long id, ProjectDocument.Kind kind, String filename, String contentType, long sizeBytes, String sha256,
      String uploadedBy, java.time.Instant uploadedAt) {}
}
