package com.marquee.booking.common.metrics;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Keeps the {@code http.server.*} meters to a bounded set of series whatever clients send. Quarkus tags a request
 * with its method token as sent and, when no route template matched (405, 400, 413, ...), with its raw path: 2,000
 * odd methods or paths made 2,000 series. Here an unknown method becomes {@value #OTHER} and a path that is neither
 * a template ({@code /api/bookings/{id}}), one of Quarkus' own values ({@code NOT_FOUND}, {@code REDIRECTION},
 * {@code root}, {@code UNKNOWN}) nor a literal route of ours ({@code /health}, {@code /api/bookings}) becomes
 * {@value #UNMATCHED}.
 */
@Singleton
public class BoundedHttpServerTags implements MeterFilter {

    static final String OTHER = "OTHER";
    static final String UNMATCHED = "UNMATCHED";

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS",
            "TRACE", "CONNECT");
    private static final Set<String> QUARKUS_URIS = Set.of("root", "NOT_FOUND", "REDIRECTION", "UNKNOWN");

    private final Set<String> literalRoutes;

    public BoundedHttpServerTags(BeanManager beans) {
        this.literalRoutes = literalRoutes(beans);
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        if (!id.getName().startsWith("http.server")) {
            return id;
        }
        String method = id.getTag("method");
        String uri = id.getTag("uri");
        String boundedMethod = method == null || METHODS.contains(method) ? method : OTHER;
        String boundedUri = uri == null || isKnown(uri) ? uri : UNMATCHED;
        if (boundedMethod == method && boundedUri == uri) {
            return id;
        }
        List<Tag> tags = new ArrayList<>();
        for (Tag tag : id.getTagsAsIterable()) {
            tags.add(switch (tag.getKey()) {
                case "method" -> Tag.of("method", boundedMethod);
                case "uri" -> Tag.of("uri", boundedUri);
                default -> tag;
            });
        }
        return id.replaceTags(tags);
    }

    private boolean isKnown(String uri) {
        return uri.contains("{") || QUARKUS_URIS.contains(uri) || literalRoutes.contains(uri);
    }

    /** Paths of JAX-RS resource methods without parameters, e.g. {@code /api/bookings}, {@code /health}. */
    static Set<String> literalRoutes(BeanManager beans) {
        Set<String> routes = new TreeSet<>();
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Path type = bean.getBeanClass().getAnnotation(Path.class);
            if (type == null) {
                continue;
            }
            for (Method method : bean.getBeanClass().getMethods()) {
                if (!isResourceMethod(method)) {
                    continue;
                }
                Path path = method.getAnnotation(Path.class);
                String route = join(type.value(), path == null ? "" : path.value());
                if (!route.contains("{")) {
                    routes.add(route);
                }
            }
        }
        return Set.copyOf(routes);
    }

    private static boolean isResourceMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            if (annotation.annotationType().isAnnotationPresent(HttpMethod.class)) {
                return true;
            }
        }
        return false;
    }

    /** As Quarkus reports the template: one slash between parts, none at the end. */
    private static String join(String type, String method) {
        String route = ("/" + type + "/" + method).replaceAll("/+", "/");
        return route.length() > 1 && route.endsWith("/") ? route.substring(0, route.length() - 1) : route;
    }
}
