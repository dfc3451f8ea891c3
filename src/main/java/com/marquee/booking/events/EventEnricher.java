package com.marquee.booking.events;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marquee.booking.integration.movie.MovieCatalog;
import com.marquee.booking.integration.user.UserProfile;
import com.marquee.booking.integration.user.UserDirectory;

import io.smallrye.mutiny.Uni;

/**
 * Adds to each event what notifications need and the outbox does not keep: the user's email and name
 * ({@code "user"}) and the movie's name ({@code "movie"}), looked up after the change committed, never in
 * its transaction. Both come from in-memory caches in front of the upstream services' clients, whose
 * timeouts and circuit breakers bound the wait; whatever is unknown or unavailable is simply left out.
 */
@ApplicationScoped
class EventEnricher {

    private final UserDirectory users;
    private final MovieCatalog movies;

    EventEnricher(UserDirectory users, MovieCatalog movies) {
        this.users = users;
        this.movies = movies;
    }

    Uni<List<OutgoingEvent>> enrich(List<ClaimedEvent> events) {
        List<Long> userIds = events.stream().map(ClaimedEvent::userId).filter(Objects::nonNull).distinct().toList();
        List<Long> movieIds = events.stream().map(ClaimedEvent::movieId).filter(Objects::nonNull).distinct().toList();
        // sequential: each lookup is bounded and mostly a cache hit
        return profiles(userIds).chain(profiles -> movies.names(movieIds).map(names -> {
            List<OutgoingEvent> outgoing = new ArrayList<>(events.size());
            for (ClaimedEvent event : events) {
                outgoing.add(new OutgoingEvent(event.eventId(), event.type(),
                        event.bookingId() == null ? null : event.bookingId().toString(), event.occurredAt(),
                        body(event, profiles, names)));
            }
            return outgoing;
        }));
    }

    /** One user at a time: a relay batch of new users must not flood the User Service (each is mostly cached). */
    private Uni<Map<Long, UserProfile>> profiles(List<Long> userIds) {
        Map<Long, UserProfile> known = new HashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Long id : userIds) {
            chain = chain.chain(() -> users.profile(id)).invoke(found -> found.ifPresent(p -> known.put(id, p)))
                    .replaceWithVoid();
        }
        return chain.map(ignored -> known);
    }

    static String body(ClaimedEvent event, Map<Long, UserProfile> profiles, Map<Long, String> movieNames) {
        UserProfile user = event.userId() == null ? null : profiles.get(event.userId());
        String movieName = event.movieId() == null ? null : movieNames.get(event.movieId());
        if (user == null && movieName == null) {
            return event.payload();
        }
        ObjectNode json = EventJson.readObject(event.payload());
        if (user != null) {
            json.putObject(EventFields.USER)
                    .put(EventFields.USER_ID, user.userId())
                    .put(EventFields.USER_EMAIL, user.email())
                    .put(EventFields.USER_FIRST_NAME, user.firstName())
                    .put(EventFields.USER_LAST_NAME, user.lastName());
        }
        if (movieName != null) {
            json.putObject(EventFields.MOVIE).put(EventFields.MOVIE_ID, event.movieId()).put(EventFields.MOVIE_NAME,
                    movieName);
        }
        return EventJson.write(json);
    }
}
