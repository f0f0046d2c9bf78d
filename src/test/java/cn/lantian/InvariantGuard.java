package cn.lantian;

import cn.lantian.fixture.Invariants;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Under test, every decision the service answers (an evaluation, each level of a self-check) is checked
 * against the decision invariants ({@link Invariants}); one that breaks any is turned into a 500 naming
 * what broke, so that every test that expects its 200 fails, whatever it asserts itself.
 */
public class InvariantGuard {
    @Inject
    ObjectMapper json;

    @ServerResponseFilter
    public void guard(ContainerRequestContext request, ContainerResponseContext response) throws Exception {
        String path = request.getUriInfo().getPath();
        if (response.getStatus() != 200 || response.getEntity() == null
                || !(path.startsWith("/api/v1/evaluations") || path.startsWith("/api/v1/self-checks"))) {
            return;
        }
        Object entity = response.getEntity();
        JsonNode answer = entity instanceof String text ? json.readTree(text) : json.valueToTree(entity);
        List<String> broken = new ArrayList<>();
        if (answer.has("violations") && answer.has("orders")) {
            broken.addAll(Invariants.broken(answer));
        }
        for (JsonNode level : answer.path("levels")) {
            Invariants.broken(level).forEach(b -> broken.add(level.path("alertLevel").asText() + ": " + b));
        }
        if (!broken.isEmpty()) {
            response.setStatus(500);
            response.setEntity("decision invariants broken: " + broken + "\n" + answer);
        }
    }
}
