package com.marquee.booking.common.problem;

/** 503: something the request needs (the database, an upstream service) is not answering. */
public class ServiceUnavailable extends ProblemException {

    public ServiceUnavailable(String detail) {
        super(503, "service-unavailable", "Service unavailable", detail);
    }
}
