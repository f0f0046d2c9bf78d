package cn.lantian.fact;

/** A row of the production measures table: what a plant of that grade does at that alert level. */
public record ProductionMeasure(PerformanceGrade grade, AlertLevel level, OrderType order,
                                @MayBeBlank Integer limitPercent, String legalBasis) {

    /** The share of normal load this measure cuts: 100 for a stop, 0 for self-determined measures. */
    public int getCutPercent() {
        return switch (order) {
            case STOP_PRODUCTION -> 100;
            case LIMIT_PRODUCTION -> limitPercent;
            default -> 0;
        };
    }
}
