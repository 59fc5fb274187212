package cn.beijing.carboninclusion.registry;

import cn.beijing.carboninclusion.registry.RegistryViews.JournalRef;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Journals the participants' Merkle root of a project's period (a reduction application) in the registry's hash chain
 * (operation {@code PARTICIPANT_ROOT}; public fields: the project, the application, the root, the number of leaves).
 * docs/participants.md.
 */
@Service
public class ParticipantRoots {
  private final RegistryJournal journal;
  private final Ledger ledger;

  ParticipantRoots(RegistryJournal journal, Ledger ledger) {
    this.journal = journal;
    this.ledger = ledger;
  }

  /** Appends the root to the journal inside the caller's transaction; returns the entry. */
  @Transactional(propagation = Propagation.MANDATORY)
  public JournalRef record(Long projectId, String registrationNo, Long applicationId, String merkleRoot, long leaves) {
    journal.lockHead();
    JournalEntry entry = ledger.record(JournalEntry.Operation.PARTICIPANT_ROOT, new JournalPayload()
        .put("project", projectId)
        .put("registrationNo", registrationNo)
        .put("application", applicationId)
        .put("merkleRoot", merkleRoot)
        .put("leaves", leaves), new JournalPayload(), List.of());
    return JournalRef.of(entry);
  }
}
