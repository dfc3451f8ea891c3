package com.marquee.booking.integration;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * How upstream answers are read. Our own API is strict about types (see StrictJsonCustomizer); what
 * other services send is not ours to police: a price as "12.50", an id as "7" or extra fields must not
 * turn a working upstream into a failing one.
 */
public final class UpstreamJson {

    private UpstreamJson() {
    }

    public static ObjectMapper lenient(ObjectMapper defaultMapper) {
        ObjectMapper mapper = defaultMapper.copy();
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        // control characters are refused from our clients (StrictJsonCustomizer), not from an upstream
        mapper.registerModule(new SimpleModule("upstream-text").addDeserializer(String.class, StringDeserializer.instance));
        for (LogicalType type : new LogicalType[] { LogicalType.Integer, LogicalType.Float, LogicalType.Textual }) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.String, CoercionAction.TryConvert)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert);
        }
        return mapper;
    }
}
