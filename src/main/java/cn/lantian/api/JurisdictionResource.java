package cn.lantian.api;

import cn.lantian.engine.ActiveRuleset;
import cn.lantian.engine.LabelKinds;
import cn.lantian.engine.Ruleset;
import cn.lantian.fact.Reference;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;

/**
 * The jurisdictions the rules know ({@code rules/jurisdictions.csv}): each with its name and the standard its
 * sites are held to when a record names none. A page offers them so that a record says where it was made:
 * the standard and the alert in force follow from it. Public, like the checklists.
 */
@Path("/api/v1/jurisdictions")
@Produces(MediaType.APPLICATION_JSON)
public class JurisdictionResource {
    @Inject
    ActiveRuleset rules;

    @Inject
    Clock clock;

    /** One jurisdiction: its code, its name, its configured standard and that standard's name. */
    public record Jurisdiction(String jurisdiction, String title, String standard, String standardTitle) {}

    /** The list, in the table's order, and the calendar's zone in which its local times are read. */
    public record Jurisdictions(String rulesetVersion, String timeZone, List<Jurisdiction> jurisdictions) {}

    @GET
    public Jurisdictions list() {
        Ruleset ruleset = rules.get();
        Reference ref = ruleset.referenceToday(clock);
        return new Jurisdictions(ruleset.version(), ruleset.calendar().zone().getId(), ref.jurisdictions().stream()
                .map(j -> new Jurisdiction(j.jurisdiction(), ref.label(LabelKinds.JURISDICTION, j.jurisdiction()),
                        j.standard(), ref.label(LabelKinds.STANDARD, j.standard())))
                .toList());
    }
}
