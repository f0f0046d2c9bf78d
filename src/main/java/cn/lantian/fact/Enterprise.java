package cn.lantian.fact;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Map;

/**
 * What the inspector (or the plant itself) records of an industrial enterprise on the emergency
 * reduction list (应急减排清单).
 */
public record Enterprise(
        @NotBlank String industry,
        @NotNull PerformanceGrade performanceGrade,
        Boolean livelihoodGuarantee,
        Boolean staggeredProduction,
        @NotNull @DecimalMin("0") @DecimalMax("100") Double productionLoadPercent,
        @Valid Trucks heavyDieselTrucksInUse,
        Boolean emissionsExceedStandard,
        Boolean controlFacilitiesBypassed,
        @Valid AutoMonitoring autoMonitoring,
        Map<AlertLevel, @NotNull @Valid PlanMeasure> plan) {

    /** Absent flags are false; an absent plan is no plan (一厂一策 not submitted). */
    public Enterprise {
        livelihoodGuarantee = Boolean.TRUE.equals(livelihoodGuarantee);
        staggeredProduction = Boolean.TRUE.equals(staggeredProduction);
        emissionsExceedStandard = Boolean.TRUE.equals(emissionsExceedStandard);
        controlFacilitiesBypassed = Boolean.TRUE.equals(controlFacilitiesBypassed);
    }

    public boolean hasPlan() {
        return plan != null;
    }

    /** The share of normal load the plan cuts at that level: 100 for a stop, 0 when it names none. */
    public int planCutAt(AlertLevel level) {
        PlanMeasure m = plan == null ? null : plan.get(level);
        return m == null ? 0 : m.cutPercent();
    }

    /** Heavy diesel trucks seen carrying the enterprise's materials at the inspection, by emission standard. */
    public record Trucks(@NotNull @PositiveOrZero Integer cn4OrBelow, @NotNull @PositiveOrZero Integer cn5,
                         @NotNull @PositiveOrZero Integer cn6, @NotNull @PositiveOrZero Integer electric) {

        /** The emission standards a truck ban may name, from the lowest kept apart (国四 and below) up. */
        public static final java.util.List<String> STANDARDS = java.util.List.of("CN4", "CN5", "CN6");

        /** Diesel trucks in use of the given standard or below ("CN4", "CN5", "CN6"). */
        public int atOrBelow(String standard) {
            return switch (standard) {
                case "CN4" -> cn4OrBelow;
                case "CN5" -> cn4OrBelow + cn5;
                case "CN6" -> cn4OrBelow + cn5 + cn6;
                default -> throw new IllegalArgumentException("unknown truck emission standard " + standard);
            };
        }

        public int total() {
            return cn4OrBelow + cn5 + cn6 + electric;
        }
    }

    /** 自动监控: whether the plant must have it, and whether it is installed and connected. */
    public record AutoMonitoring(@NotNull Boolean required, @NotNull Boolean installed, @NotNull Boolean connected) {}

    /** One level of the enterprise's own emergency plan: a production cut or a stop. */
    public record PlanMeasure(@Min(0) @Max(100) Integer limitPercent, Boolean stopProduction) {

        public int cutPercent() {
            if (Boolean.TRUE.equals(stopProduction)) {
                return 100;
            }
            return limitPercent == null ? 0 : limitPercent;
        }
    }
}
