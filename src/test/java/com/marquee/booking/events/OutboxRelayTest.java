package com.marquee.booking.events;

import static com.marquee.booking.support.Fixtures.nextId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import com.marquee.booking.support.Management;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marquee.booking.common.config.BookingConfig;
import com.marquee.booking.support.BrokerProxy;
import com.marquee.booking.support.EventQueue;
import com.marquee.booking.support.EventQueue.Delivery;
import com.marquee.booking.support.EventsProfile;
import com.marquee.booking.support.InjectBrokerProxy;
import com.marquee.booking.support.InjectUpstreamStub;
import com.marquee.booking.support.Metrics;
import com.marquee.booking.support.Pause;
import com.marquee.booking.support.TestDb;
import com.marquee.booking.support.UpstreamStub;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * The relay against the machine's RabbitMQ (behind a proxy the tests close to play "broker down"): what a
 * consumer receives, at least once and in order per booking, with the broker gone and back, with two
 * relays at once; readiness without the broker; the backlog metric; pruning.
 */
@QuarkusTest
@TestProfile(EventsProfile.class)
class OutboxRelayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ARRIVAL = Duration.ofSeconds(10);

    @Inject
    OutboxRelay relay;

    @Inject
    OutboxPruner pruner;

    @Inject
    AgroalDataSource dataSource;

    @InjectUpstreamStub
    UpstreamStub stub;

    @InjectBrokerProxy
    BrokerProxy broker;

    // what a second instance's relay is made of
    @Inject
    OutboxRepository repository;
    @Inject
    EventEnricher enricher;
    @Inject
    EventPublisher publisher;
    @Inject
    EventMetrics metrics;
    @Inject
    BookingConfig config;
    @Inject
    Clock clock;
    @Inject
    Vertx vertx;

    TestDb db;
    EventQueue queue;

    @BeforeEach
    void consumer() {
        db = new TestDb(dataSource);
        broker.start();
        queue = EventQueue.bind();
    }

    @AfterEach
    void cleanUp() {
        queue.close();
        broker.start();
        stub.reset();
    }

    @Test
    void publishesEachEventByTypeWithItsUserAndMovie() throws Throwable {
        long booking = nextId();
        long user = nextId();
        long movie = nextId();
        stub.user(user).movie(movie, "Inception");
        BookingChanged held = TestEvents.booking(EventType.BOOKING_HELD, booking, user, 3, movie);
        PaymentChanged paid = TestEvents.payment(EventType.PAYMENT_COMPLETED, nextId(), booking, user, 3L);
        BookingChanged confirmed = TestEvents.booking(EventType.BOOKING_CONFIRMED, booking, user, 3, movie);
        TestEvents.append(held, paid, confirmed);

        publishAll();

        List<Delivery> deliveries = queue.awaitAll(ids(held, paid, confirmed), ARRIVAL);
        assertEquals(List.of("booking.held", "payment.completed", "booking.confirmed"),
                firstArrivals(deliveries).stream().map(Delivery::routingKey).toList(), "routing key = type, in order");
        Delivery first = deliveries.get(0);
        assertEquals(held.eventId().toString(), first.messageId());
        assertEquals("application/json", first.contentType());
        assertEquals(2, first.deliveryMode(), "persistent");
        JsonNode body = JSON.readTree(first.body());
        assertEquals(held.eventId().toString(), body.get("event_id").asText());
        assertEquals(booking, body.get("booking_id").asLong());
        assertTrue(first.body().contains("\"amount\":25.00"), "two decimals survive the relay: " + first.body());
        assertEquals(user, body.get("user").get("user_id").asLong());
        assertEquals("ada@example.com", body.get("user").get("email").asText());
        assertEquals("Ada", body.get("user").get("first_name").asText());
        assertEquals("Lovelace", body.get("user").get("last_name").asText());
        assertEquals(movie, body.get("movie").get("movie_id").asLong());
        assertEquals("Inception", body.get("movie").get("name").asText());
        JsonNode payment = JSON.readTree(deliveries.stream().filter(d -> d.routingKey().equals("payment.completed"))
                .findFirst().orElseThrow().body());
        assertEquals("Ada", payment.get("user").get("first_name").asText());
        assertFalse(payment.has("movie"), "payment events carry no movie id");
        assertEquals(0, db.count("SELECT count(*) FROM outbox_events WHERE booking_id = ?"
                + " AND (published_at IS NULL OR lease_until IS NOT NULL)", booking));
        assertTrue(Metrics.value("booking_events_published_total", "type", "booking.held") >= 1);
    }

    @Test
    void unknownUserAndMovieAreLeftOut() throws Throwable {
        BookingChanged held = TestEvents.booking(EventType.BOOKING_HELD, nextId(), nextId(), 3, nextId());
        TestEvents.append(held);

        publishAll();

        JsonNode body = JSON.readTree(queue.awaitAll(ids(held), ARRIVAL).get(0).body());
        assertFalse(body.has("user") || body.has("movie"), "the User and Movie services answered 404");
        assertEquals(held.userId(), body.get("user_id").asLong());
    }

    @Test
    void eachBookingsEventsArriveInOrder() throws Throwable {
        List<Long> bookings = List.of(nextId(), nextId(), nextId(), nextId(), nextId());
        List<BookingEvent> appended = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            for (long booking : bookings) {
                EventType type = round % 2 == 0 ? EventType.BOOKING_HELD : EventType.BOOKING_CANCELLED;
                appended.add(TestEvents.booking(type, booking, 7, 3, null));
            }
            appended.add(TestEvents.payment(EventType.PAYMENT_FAILED, nextId(), null, null, null));
        }
        TestEvents.append(appended.toArray(BookingEvent[]::new));

        publishAll();

        assertInOrderPerBooking(appended, queue.awaitAll(ids(appended), ARRIVAL));
    }

    @Test
    void brokerDownQueuesEventsAndLosesNothingWhenItComesBack() throws Throwable {
        // connected first: a channel that lost its connection is what would turn a broker health check DOWN
        BookingChanged before = TestEvents.booking(EventType.BOOKING_HELD, nextId(), 7, 3, null);
        TestEvents.append(before);
        publishAll();
        queue.awaitAll(ids(before), ARRIVAL);
        broker.stop();
        List<BookingEvent> appended = new ArrayList<>();
        for (long booking : List.of(nextId(), nextId())) {
            appended.add(TestEvents.booking(EventType.BOOKING_HELD, booking, 7, 3, null));
            appended.add(TestEvents.payment(EventType.PAYMENT_COMPLETED, nextId(), booking, 7L, 3L));
            appended.add(TestEvents.booking(EventType.BOOKING_CONFIRMED, booking, 7, 3, null));
        }
        TestEvents.append(appended.toArray(BookingEvent[]::new));

        long started = System.nanoTime();
        assertEquals(0, pass(relay), "nothing is confirmed without a broker");
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 5_000, "a pass gives up in bounded time");
        assertEquals(0, pass(relay), "the next attempt waits for its backoff or fails again");
        assertEquals(appended.size(), unpublished(appended), "events wait in the outbox");
        Management.given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        Management.given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        VertxContextSupport.subscribeAndAwait(() -> relay.refreshBacklog());
        assertTrue(Metrics.value("booking_events_backlog") >= appended.size());
        assertTrue(Metrics.value("booking_events_backlog_oldest_seconds") >= 0);
        assertTrue(Metrics.value("booking_events_publish_failures_total") >= 1);

        broker.start();
        publishAll();

        assertInOrderPerBooking(appended, queue.awaitAll(ids(appended), ARRIVAL));
        assertEquals(0, unpublished(appended));
        VertxContextSupport.subscribeAndAwait(() -> relay.refreshBacklog());
        assertEquals(0, Metrics.value("booking_events_backlog"));
    }

    @Test
    void twoRelaysAtOncePublishEveryEventInOrderPerBooking() throws Throwable {
        OutboxRelay secondInstance = new OutboxRelay(repository, enricher, publisher, metrics, config, clock, vertx);
        List<BookingEvent> appended = new ArrayList<>();
        List<Long> bookings = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            bookings.add(nextId());
        }
        for (int round = 0; round < 4; round++) {
            for (long booking : bookings) {
                appended.add(TestEvents.booking(round % 2 == 0 ? EventType.BOOKING_HELD : EventType.BOOKING_EXPIRED,
                        booking, 7, 3, null));
            }
        }
        TestEvents.append(appended.toArray(BookingEvent[]::new));

        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> pass(relay));
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> pass(secondInstance));
        int published = first.get() + second.get();
        publishAll();

        List<Delivery> deliveries = queue.awaitAll(ids(appended), ARRIVAL);
        assertInOrderPerBooking(appended, deliveries);
        assertTrue(published >= appended.size() / 2, "the concurrent passes did most of the work: " + published);
        assertEquals(0, unpublished(appended));
    }

    @Test
    void anInstanceThatKeepsFailingNeverExtendsItsLease() throws Throwable {
        OutboxRelay failing = relayPublishingWith(new IllegalStateException("Message publish nacked by the broker"));
        BookingChanged held = TestEvents.booking(EventType.BOOKING_HELD, nextId(), 7, 3, null);
        TestEvents.append(held);

        try {
            assertEquals(0, pass(failing));
            Object leasedUntil = db.single("SELECT lease_until FROM outbox_events WHERE event_id = ?", held.eventId());
            Pause.millis(1_100); // past the longest backoff of the test profile
            assertEquals(0, pass(failing));

            assertEquals(leasedUntil, db.single("SELECT lease_until FROM outbox_events WHERE event_id = ?",
                    held.eventId()), "taken back by its owner, but not for longer");
            assertEquals(2, db.count("SELECT attempts FROM outbox_events WHERE event_id = ?", held.eventId()));
            assertTrue(((String) db.single("SELECT last_error FROM outbox_events WHERE event_id = ?",
                    held.eventId())).startsWith("nacked"));
        } finally {
            // as if the lease ran out: the healthy relay publishes it
            db.update("UPDATE outbox_events SET lease_until = now() WHERE event_id = ?", held.eventId());
        }
        publishAll();
        queue.awaitAll(ids(held), ARRIVAL);
    }

    @Test
    void aChannelBrokenForGoodGivesItsEventsBackAndFailsLiveness() throws Throwable {
        OutboxRelay broken = relayPublishingWith(new NullPointerException(
                "Cannot invoke \"io.vertx.mutiny.rabbitmq.RabbitMQPublisher.publishConfirm()\" because \"publisher\" is null"));
        BookingChanged held = TestEvents.booking(EventType.BOOKING_HELD, nextId(), 7, 3, null);
        BookingChanged confirmed = TestEvents.booking(EventType.BOOKING_CONFIRMED, held.bookingId(), 7, 3, null);
        TestEvents.append(held, confirmed);

        assertEquals(0, pass(broken));

        assertTrue(broken.channelBroken());
        assertEquals(HealthCheckResponse.Status.DOWN, new EventChannelLiveness(broken).call().getStatus());
        assertEquals(0, db.count("SELECT count(*) FROM outbox_events WHERE booking_id = ? AND lease_owner IS NOT NULL",
                held.bookingId()), "its events given back at once");
        assertEquals(0, pass(broken), "it publishes nothing more");
        publishAll(); // a healthy instance takes them over without waiting for a lease to run out
        assertInOrderPerBooking(List.of(held, confirmed), queue.awaitAll(ids(held, confirmed), ARRIVAL));
        Management.given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void nudgesAreCheapAndPublishSoonWithoutATick() throws Throwable {
        BookingChanged held = TestEvents.booking(EventType.BOOKING_HELD, nextId(), 7, 3, null);
        TestEvents.append(held);

        long started = System.nanoTime();
        for (int i = 0; i < 1_000; i++) {
            relay.nudge();
        }
        long nudgingMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();

        assertTrue(nudgingMillis < 500, "1,000 nudges took " + nudgingMillis + " ms");
        assertEquals(1, queue.awaitAll(ids(held), ARRIVAL).size(), "coalesced into passes that sent it once");
        long deadline = System.nanoTime() + ARRIVAL.toNanos();
        while (unpublished(List.of(held)) > 0 && System.nanoTime() < deadline) {
            Pause.millis(20); // the consumer can get it a moment before the relay marks it
        }
        assertEquals(0, unpublished(List.of(held)));
    }

    @Test
    void publishedEventsArePrunedAfterTheRetention() throws Throwable {
        long old = nextId();
        long recent = nextId();
        long unpublished = nextId();
        long theatrePending = nextId();
        TestEvents.insertRow(db, "booking.held", old, null, "9 days", "8 days");
        TestEvents.insertRow(db, "booking.held", recent, null, "2 days", "1 day");
        TestEvents.insertRow(db, "booking.held", unpublished, null, "9 days", null);
        TestEvents.insertRow(db, "booking.held", theatrePending, nextId(), "9 days", "8 days");

        int deleted;
        do {
            deleted = VertxContextSupport.subscribeAndAwait(() -> pruner.pruneBatch());
        } while (deleted == pruner.batchSize());

        assertEquals(0, rowsOf(old), "published 8 days ago, retention 7 days");
        assertEquals(1, rowsOf(recent));
        assertEquals(1, rowsOf(unpublished), "never published: kept while publishing is on");
        assertEquals(1, rowsOf(theatrePending), "the Theatre seat sync has not accounted for it yet");
        assertTrue(Metrics.value("booking_events_pruned_total") >= 1);
        db.update("DELETE FROM outbox_events WHERE booking_id IN (?, ?, ?)", recent, unpublished, theatrePending);
    }

    /** Another instance's relay whose every publish fails with {@code failure}. */
    private OutboxRelay relayPublishingWith(RuntimeException failure) {
        EventPublisher failingPublisher = new EventPublisher(null, config) {
            @Override
            Uni<Void> publish(OutgoingEvent event) {
                return Uni.createFrom().failure(failure);
            }
        };
        return new OutboxRelay(repository, enricher, failingPublisher, metrics, config, clock, vertx);
    }

    /** Runs passes until nothing is left for this instance (waiting out backoffs), failing after a while. */
    private void publishAll() {
        long deadline = System.nanoTime() + ARRIVAL.toNanos();
        while (db.count("SELECT count(*) FROM outbox_events WHERE published_at IS NULL") > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("outbox not drained: "
                        + db.count("SELECT count(*) FROM outbox_events WHERE published_at IS NULL") + " left");
            }
            if (pass(relay) == 0) {
                Pause.millis(100);
            }
        }
    }

    private static int pass(OutboxRelay relay) {
        try {
            return VertxContextSupport.subscribeAndAwait(relay::publishPending);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private long unpublished(List<BookingEvent> events) {
        return events.stream().filter(e -> db.count("SELECT count(*) FROM outbox_events WHERE event_id = ?"
                + " AND published_at IS NULL", e.eventId()) > 0).count();
    }

    private long rowsOf(long bookingId) {
        return db.count("SELECT count(*) FROM outbox_events WHERE booking_id = ?", bookingId);
    }

    /**
     * Per booking, the deliveries (duplicates included) never go back: each one is the same event as the
     * one before it or a later one.
     */
    private static void assertInOrderPerBooking(List<BookingEvent> appended, List<Delivery> deliveries) {
        Map<String, Integer> position = new HashMap<>();
        Map<String, Long> bookingOf = new HashMap<>();
        for (int i = 0; i < appended.size(); i++) {
            position.put(appended.get(i).eventId().toString(), i);
            bookingOf.put(appended.get(i).eventId().toString(), appended.get(i).bookingId());
        }
        Map<Long, Integer> lastSeen = new HashMap<>();
        for (Delivery delivery : deliveries) {
            Long booking = bookingOf.get(delivery.messageId());
            if (booking == null) {
                continue;
            }
            int at = position.get(delivery.messageId());
            Integer before = lastSeen.get(booking);
            assertTrue(before == null || at >= before,
                    "booking " + booking + ": event #" + at + " arrived after #" + before);
            lastSeen.put(booking, at);
        }
    }

    private static List<Delivery> firstArrivals(List<Delivery> deliveries) {
        List<String> seen = new ArrayList<>();
        List<Delivery> first = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            if (!seen.contains(delivery.messageId())) {
                seen.add(delivery.messageId());
                first.add(delivery);
            }
        }
        return first;
    }

    private static List<String> ids(BookingEvent... events) {
        return ids(List.of(events));
    }

    private static List<String> ids(List<BookingEvent> events) {
        return events.stream().map(e -> e.eventId().toString()).toList();
    }

}
