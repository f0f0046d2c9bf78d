package cn.lantian.api;

import cn.lantian.engine.Messages;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every problem speaks the reader's language: Chinese to the pages, which send {@code Accept-Language: zh},
 * English (and codes) to API clients. Field paths are the same in both.
 */
public class ProblemLanguage {

    @ServerResponseFilter
    public void speak(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Problem problem) {
            Locale locale = Messages.locale(request.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
            if (!locale.equals(Messages.ENGLISH)) {
                response.setEntity(problem.in(locale));
            }
            response.getHeaders().putSingle(HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag());
            response.getHeaders().add(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
        }
    }
}
