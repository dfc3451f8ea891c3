package com.marquee.booking.common.security;

import com.marquee.booking.common.problem.ProblemException;

/**
 * 403: a valid token that may not do this (another user's booking or payment, an operator's action). Not 404:
 * ids are sequential integers, so hiding that a booking exists would protect nothing, and a 403 tells a
 * legitimate client what is wrong (the wrong account, not a wrong id).
 */
public class Forbidden extends ProblemException {

    public Forbidden(String detail) {
        super(403, "forbidden", "Forbidden", detail);
    }

    public static Forbidden operatorOnly(Caller caller, String action) {
        return new Forbidden("Only an operator may " + action + "; the token is " + caller.describe() + "'s");
    }
}
