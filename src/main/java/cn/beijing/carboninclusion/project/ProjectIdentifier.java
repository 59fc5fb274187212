package cn.beijing.carboninclusion.project;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * An identifier a project declares: a site or asset (scheme SITE, ASSET, METER, ...) or a registration in another
 * mechanism (scheme CCER, ...; {@code alreadyCredited} when reductions were credited there). The duplicate
 * application check matches on these.
 */
@Entity
@Table(name = "project_identifier")
public class ProjectIdentifier {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "project_id")
  private Project project;
  @Column(nullable = false)
  private String scheme;
  @Column(nullable = false)
  private String identifier;
  @Column(name = "already_credited", nullable = false)
  private boolean alreadyCredited;

  protected ProjectIdentifier() {}

  ProjectIdentifier(Project project, String scheme, String identifier, boolean alreadyCredited) {
    this.project = project;
    this.scheme = scheme;
    this.identifier = identifier;
    this.alreadyCredited = alreadyCredited;
  }

  public Long getId() { return id; }
  public Project getProject() { return project; }
  public String getScheme() { return scheme; }
  public String getIdentifier() { return identifier; }
  public boolean isAlreadyCredited() { return alreadyCredited; }
}
