package com.marquee.booking.events;

/**
 * Connector failures that no retry cures. The RabbitMQ connector (smallrye-reactive-messaging 4.x,
 * issue #1688) keeps the outcome of its first connection attempt for good: when that connection drops
 * while it is being set up (the broker stopping at that moment), every later message fails at once with a
 * {@link NullPointerException} on its missing publisher, though the broker is back.
 */
final class ConnectorDefects {

    private ConnectorDefects() {
    }

    static boolean lostPublisher(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NullPointerException && String.valueOf(cause.getMessage()).contains("publisher")) {
                return true;
            }
        }
        return false;
    }
}
