package cn.lantian.fact;

/**
 * A key project (重点项目) found with a dust violation: one fined under an article of the key-project
 * breach table ({@code alerts/key-project-breach.csv}). Its measures and fines are those of a key project
 * in breach ("不落实…的，一律停工，依法从重处罚并移出重点项目清单").
 */
public record KeyProjectBreach(String violation) {}
