package cn.lantian.api;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * The errors of the OpenAPI description, said once for every operation: each answers its refusals as
 * {@code application/problem+json} (the {@code Problem} schema, RFC 9457, with {@code errors} naming each
 * bad field by its JSON path). Which ones an operation lists follows from what it takes: 400 when it
 * reads a body or parameters, 401 and 403 when it needs a user (it names a security requirement), 404
 * when its path names something, 413 and 415 when it reads a body, 503 when it needs the store (signing
 * in does, and so do the public reads of the alert registry; the checklists, the vocabulary and the
 * forecast's classification do not).
 * A status an operation already documents keeps its description and gains the problem's content.
 */
public class OpenApiProblems implements OASFilter {
    static final String SCHEMA = "Problem";
    private static final String REF = "#/components/schemas/" + SCHEMA;

    /** The public operations that read the store (every secured one does: the users live there). */
    private static final java.util.Set<String> PUBLIC_FROM_STORE = java.util.Set.of(
            "/api/v1/alerts/{jurisdiction}", "/api/v1/alerts/{jurisdiction}/current");

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "400", "The request is invalid: each bad field named by its JSON path in errors",
            "401", "No user, or the sign-in failed (WWW-Authenticate: Basic)",
            "403", "The user's roles, jurisdictions or subjects do not allow this",
            "404", "Nothing of that id that this user may read",
            "413", "The body is larger than the service takes",
            "415", "The body is not of the type this operation reads",
            "503", "The store is out of reach; nothing was recorded");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        components.addSchema(SCHEMA, problemSchema());
        openAPI.setComponents(components);
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations()
                .forEach((method, operation) -> addProblems(path, item, operation)));
    }

    private static void addProblems(String path, PathItem item, Operation operation) {
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
        boolean body = operation.getRequestBody() != null;
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        if (body || !parameters.isEmpty() || (item.getParameters() != null && !item.getParameters().isEmpty())) {
            problem(responses, "400");
        }
        if (secured) {
            problem(responses, "401");
            problem(responses, "403");
        }
        if (path.contains("{")) {
            problem(responses, "404");
        }
        if (body) {
            problem(responses, "413");
            problem(responses, "415");
        }
        if (secured || PUBLIC_FROM_STORE.contains(path)) {
            problem(responses, "503");
        }
        operation.setResponses(responses);
    }

    private static void problem(APIResponses responses, String status) {
        APIResponse response = responses.getAPIResponse(status);
        if (response == null) {
            response = OASFactory.createAPIResponse().description(DESCRIPTIONS.get(status));
            responses.addAPIResponse(status, response);
        } else if (response.getDescription() == null || response.getDescription().isBlank()
                || response.getDescription().startsWith("Not ")) {
            // the framework's own "Not Authorized" / "Not Allowed": said as the service says it
            response.setDescription(DESCRIPTIONS.get(status));
        }
        Content content = response.getContent() == null ? OASFactory.createContent() : response.getContent();
        if (content.getMediaType(Problem.MEDIA_TYPE) == null) {
            content.addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType().schema(OASFactory.createSchema().ref(REF)));
        }
        response.setContent(content);
    }

    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema error = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("the bad field's JSON path (site.stockpiles.covered), a parameter's or a part's name"))
                .addProperty("message", text)
                .required(List.of("field", "message"));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem detail: the service's only error shape. Title, detail and messages in"
                        + " the reader's language (Accept-Language: zh for Chinese); other members explain some problems"
                        + " (a refused reload's report, a busy compile's seconds)")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).examples(List.of("about:blank")))
                .addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", text)
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(error))
                .required(List.of("type", "title", "status"))
                .additionalPropertiesBoolean(true);
    }
}
