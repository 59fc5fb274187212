package cn.beijing.carboninclusion.methodology;

/**
 * The example methodologies shipped with the platform. Every factor is an EXAMPLE VALUE (unverified), marked so in
 * the data ({@code "example": true}); the bureau publishes the real ones.
 */
public final class MethodologyExamples {

  /**
   * 低碳出行: baseline a small passenger car; factors per passenger-km in kg CO2; result in tCO2e. Trip-level: each
   * activity record is one trip, uploaded as a file and claimed once across all projects.
   */
  public static final String TRAVEL_FORMULA =
      "sum(for t in activities return t.distanceKm * (EF_baseline - get value(EF_mode, t.mode))) / 1000";

  public static final String TRAVEL_PARAMETERS = """
      {"activityLevel": "trip", "unit": "tCO2e",
       "parameters": [
         {"name": "EF_baseline", "label": "基准情景（小型客车）排放因子", "unit": "kgCO2/人·公里", "value": 0.104, "example": true},
         {"name": "EF_mode", "label": "出行方式排放因子", "unit": "kgCO2/人·公里",
          "value": {"bus": 0.052, "rail": 0.032, "bicycle": 0.0087, "walk": 0}, "example": true}],
       "activityFields": ["mode", "distanceKm"],
       "exampleActivities": [
         {"mode": "bus", "distanceKm": 10}, {"mode": "rail", "distanceKm": 20},
         {"mode": "bicycle", "distanceKm": 4}, {"mode": "walk", "distanceKm": 2}],
       "exampleResult": 0.0025492}""";

  /** 分布式光伏: net generation in MWh times the North China grid factor; result in tCO2e. */
  public static final String PV_FORMULA = "sum(for a in activities return a.netGenerationMWh) * EF_grid";

  public static final String PV_PARAMETERS = """
      {"unit": "tCO2e",
       "parameters": [
         {"name": "EF_grid", "label": "华北区域电网排放因子", "unit": "tCO2/MWh", "value": 0.6776, "example": true}],
       "activityFields": ["netGenerationMWh"],
       "exampleActivities": [{"netGenerationMWh": 100}],
       "exampleResult": 67.76}""";

  /** 小客车自愿停驶 (level 2): days parked times a daily factor per vehicle type, kg → t. */
  public static final String PARKING_FORMULA =
      "sum(for v in activities return v.daysParked * get value(EF_daily, v.vehicleType)) / 1000";

  public static final String PARKING_PARAMETERS = """
      {"unit": "tCO2e",
       "parameters": [
         {"name": "EF_daily", "label": "停驶日减排因子", "unit": "kgCO2/天",
          "value": {"fuel": 2.58, "electric": 0.83}, "example": true}],
       "activityFields": ["vehicleType", "daysParked"],
       "exampleActivities": [{"vehicleType": "fuel", "daysParked": 10}, {"vehicleType": "electric", "daysParked": 10}],
       "exampleResult": 0.0341}""";

  private MethodologyExamples() {}
}
