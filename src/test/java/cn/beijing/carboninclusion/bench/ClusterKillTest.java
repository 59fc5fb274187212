package cn.beijing.carboninclusion.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The short version of {@code bench/cluster-kill.sh} (issue 17, item 5), in the test command: two platform processes
 * on one embedded PostgreSQL, 16 cases (registrations and their reduction claims) driven through both, one node
 * killed with SIGKILL while requests are in flight and started again. Every case ends once, nothing is issued, transferred or retired twice, no job is lost or stuck,
 * every notice is delivered, the journal verifies. Runs in a Surefire execution of its own ({@code cluster}).
 */
class ClusterKillTest {

  @Test
  void aClusterThatLosesANodeMidRunLosesAndDuplicatesNothing() throws Exception {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path work = Path.of("target", "cluster-kill-test").toAbsolutePath();
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      ClusterKill.Outcome outcome = ClusterKill.run(new ClusterKill.Settings(16, 4, 1, work,
          postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", classpath, "768m", List.of()));
      outcome.lines().forEach(System.out::println);

      assertThat(outcome.kills()).as("a node was killed").isEqualTo(1);
      assertThat(outcome.requestsPerNode().values()).as("both nodes served").allMatch(served -> served > 0);
      assertThat(outcome.lost()).as("cases lost").isZero();
      assertThat(outcome.duplicated()).as("cases, issuances, transfers or retirements twice").isZero();
      assertThat(outcome.journalOk()).as("the registry's journal verifies on both nodes").isTrue();
      assertThat(outcome.incidents()).as("incidents").isZero();
      assertThat(outcome.stuckJobs()).as("jobs due and not run, or out of retries").isZero();
      assertThat(outcome.incompleteEvents()).as("events not delivered to their listeners").isZero();
      assertThat(outcome.noticesSent()).as("notices sent").isPositive();
      assertThat(outcome.noticesMissing()).as("notices never delivered").isZero();
      assertThat(outcome.noticesDeliveredTwice()).as("notices delivered twice (only those the killed node was sending)")
          .isLessThanOrEqualTo(outcome.noticesTakenOver());
      assertThat(outcome.problems()).isEmpty();
    }
  }
}
