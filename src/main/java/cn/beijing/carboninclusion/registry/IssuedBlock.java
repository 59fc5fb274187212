package cn.beijing.carboninclusion.registry;

/**
 * The block an issuance created.
 *
 * @param blockId the block in the developer's account
 * @param firstSerial serial of its first unit, {@code BJCI-{project}-{vintage}-{n}}
 * @param lastSerial serial of its last unit
 * @param quantity units (tCO2e)
 * @param journalHash hash of the journal entry that records the issuance
 */
public record IssuedBlock(Long blockId, String firstSerial, String lastSerial, long quantity, String journalHash) {}
