package cn.lantian.fact;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What the inspector saw on a construction site. Each block is optional: an absent block was not
 * inspected and yields neither a pass nor a violation.
 */
public record Site(
        @Size(max = Limits.ACTIVITIES, message = "{cn.lantian.fact.Size.list}") @Distinct List<@NotNull Activity> activities,
        Boolean nightWork,
        @Valid SiteBlock.Enclosure enclosure,
        @Valid SiteBlock.Stockpiles stockpiles,
        @Valid SiteBlock.BareSoil bareSoil,
        @Valid SiteBlock.Washing washing,
        @Valid SiteBlock.Roads roads,
        @Valid SiteBlock.WetWork wetWork,
        @Valid SiteBlock.MuckTrucks muckTrucks,
        @Valid SiteBlock.Monitoring monitoring,
        @Valid SiteBlock.Machinery machinery,
        @Valid SiteBlock.OnSiteMixing onSiteMixing,
        @PositiveOrZero @DecimalMax(Limits.PM10_UG_M3) Double pm10HourlyUgM3) {

    /** Night work is only what evidence shows. */
    public Site {
        nightWork = Boolean.TRUE.equals(nightWork);
    }

    /** The activities under way; none listed means none under way. */
    @Override
    public List<Activity> activities() {
        return activities == null ? List.of() : activities;
    }

    /**
     * Whether the record says anything an inspector saw: an item block, a related duty (on-site mixing,
     * a PM10 reading) or the activities under way (an alert round that only checks that work has
     * stopped records them alone, an empty list included). A site record that says none of these
     * inspected nothing, and is no pass.
     */
    public boolean inspectedSomething() {
        return activities != null || !blocks().isEmpty() || pm10HourlyUgM3 != null;
    }

    /** The blocks that were inspected, each inserted as a fact of its own. */
    public List<SiteBlock> blocks() {
        return Stream.<SiteBlock>of(enclosure, stockpiles, bareSoil, washing, roads, wetWork, muckTrucks,
                monitoring, machinery, onSiteMixing).filter(Objects::nonNull).toList();
    }
}
