package com.marquee.booking.integration.user;

import com.marquee.booking.common.problem.ProblemException;

/** 404 {@code user_not_found}: the User Service says this user does not exist. */
public class UserNotFound extends ProblemException {

    public UserNotFound(long userId) {
        super(404, "user-not-found", "User not found", "User " + userId + " does not exist");
    }
}
