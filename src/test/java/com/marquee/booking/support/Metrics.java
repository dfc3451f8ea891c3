package com.marquee.booking.support;

/** Reads one sample from {@code /q/metrics} in the Prometheus text format, as a scraper would. */
public final class Metrics {

    private Metrics() {
    }

    /**
     * The value of the first sample named {@code name} carrying every {@code label="value"} pair given
     * (e.g. {@code "service", "theatre"}); 0 if there is none yet.
     */
    public static double value(String name, String... labelPairs) {
        String text = Management.given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : text.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean matches = true;
            for (int i = 0; i < labelPairs.length; i += 2) {
                matches &= line.contains(labelPairs[i] + "=\"" + labelPairs[i + 1] + "\"");
            }
            if (matches) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
