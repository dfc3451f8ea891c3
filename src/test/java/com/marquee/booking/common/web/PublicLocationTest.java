package com.marquee.booking.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.junit.jupiter.api.Test;

import com.marquee.booking.common.config.BookingConfig;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;

/**
 * The Location rules on their own, including {@code booking.http.public-base-url}, which the test profile leaves
 * unset (LocationHeaderTest checks the default over HTTP).
 */
class PublicLocationTest {

    @Test
    void aLocationIsItsPathAndQuery() {
        assertEquals("/api/bookings/1001", PublicLocation.pathOf(URI.create("http://evil.example/api/bookings/1001")));
        assertEquals("/api/bookings/1001", PublicLocation.pathOf(URI.create("/api/bookings/1001")));
        assertEquals("/a%20b?x=%2F", PublicLocation.pathOf(URI.create("https://h:8443/a%20b?x=%2F")));
        assertEquals("/", PublicLocation.pathOf(URI.create("http://evil.example")));
    }

    @Test
    void aConfiguredPublicBaseUrlPrefixesLocationsMadeFromTheRequest() {
        PublicLocation filter = new PublicLocation(config(Map.of("booking.http.public-base-url",
                "https://booking.example.com/")));

        assertEquals("https://booking.example.com/api/payments/7",
                rewrite(filter, URI.create("http://evil.example:8080/api/payments/7"), "evil.example", 8080));
        assertEquals("https://booking.example.com/api/payments/7", rewrite(filter, "/api/payments/7", "h", 80));
        // a Location JAX-RS did not make from this request is not ours to touch
        assertEquals("https://elsewhere.example/x", rewrite(filter, URI.create("https://elsewhere.example/x"), "h", 80));
    }

    @Test
    void withoutOneLocationsAreRelative() {
        PublicLocation filter = new PublicLocation(config(Map.of()));

        assertEquals("/api/bookings/9", rewrite(filter, URI.create("http://evil.example/api/bookings/9"), "evil.example", -1));
    }

    private static String rewrite(PublicLocation filter, Object location, String host, int port) {
        MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
        headers.putSingle("Location", location);
        filter.rewrite(fake(ContainerResponseContext.class, "getHeaders", headers),
                fake(HttpServerRequest.class, "authority", HostAndPort.create(host, port)));
        return headers.getFirst("Location").toString();
    }

    /** An implementation of {@code type} that answers {@code method} only. */
    private static <T> T fake(Class<T> type, String method, Object answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, m, args) -> {
            if (m.getName().equals(method)) {
                return answer;
            }
            throw new UnsupportedOperationException(m.getName());
        }));
    }

    /** The real mapping, read from {@code properties} over its defaults, as Quarkus would read it. */
    private static BookingConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(BookingConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
        return config.getConfigMapping(BookingConfig.class);
    }
}
