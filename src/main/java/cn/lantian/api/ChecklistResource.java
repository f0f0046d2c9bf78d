package cn.lantian.api;

import cn.lantian.checklist.Checklist;
import cn.lantian.checklist.ChecklistIndex;
import cn.lantian.checklist.Checklists;
import cn.lantian.checklist.UnknownChecklistException;
import cn.lantian.engine.ActiveRuleset;
import cn.lantian.engine.FieldError;
import cn.lantian.fact.Reference;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import cn.lantian.engine.Ruleset;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Checklists published from the loaded rules: JSON for programs, a printable A4 page for a browser
 * ({@code Accept: text/html}). {@code {standard}} names a standard for {@code kind=SITE} and a performance
 * grade (A, LEADING, B, …) for {@code kind=ENTERPRISE}.
 */
@Path("/api/v1/checklists")
public class ChecklistResource {
    @Inject
    ActiveRuleset rules;

    @Inject
    Clock clock;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance printable(Checklist checklist, Reference ref);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ChecklistIndex index() {
        Ruleset ruleset = rules.get();
        return Checklists.index(ruleset, ruleset.calendar().today(clock));
    }

    @GET
    @Path("/{standard}")
    @Produces(MediaType.APPLICATION_JSON)
    public Checklist checklist(@PathParam("standard") String standard, @QueryParam("kind") String kind,
                               @QueryParam("alertLevel") String alertLevel, @QueryParam("lang") String lang) {
        Ruleset ruleset = rules.get();
        return Checklists.of(ruleset, standard, Checklists.Query.parse(kind, alertLevel, lang),
                ruleset.calendar().now(clock));
    }

    @GET
    @Path("/{standard}")
    @Produces(MediaType.TEXT_HTML)
    public String printable(@PathParam("standard") String standard, @QueryParam("kind") String kind,
                            @QueryParam("alertLevel") String alertLevel, @QueryParam("lang") String lang) {
        // Rendered here: the REST layer has no Qute integration to render a returned TemplateInstance.
        Checklist list = checklist(standard, kind, alertLevel, lang);
        Ruleset ruleset = rules.get();
        return Templates.printable(list, ruleset.referenceToday(clock)).render();
    }

    @ServerExceptionMapper
    public Response unknown(UnknownChecklistException e) {
        return Problem.response(404, "No such checklist", e.getMessage(),
                List.of(new FieldError("standard", e.getMessage())));
    }
}
