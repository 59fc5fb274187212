package cn.beijing.carboninclusion.reduction;

/** The verifier's conclusion on a claim (the verification form's {@code verificationOpinion}). */
public enum VerificationOpinion {
  CONFIRMED("核查确认申报量"),
  ADJUSTED("核减后确认"),
  NOT_CONFIRMED("不予确认");

  private final String label;

  VerificationOpinion(String label) { this.label = label; }

  public String label() { return label; }
}
