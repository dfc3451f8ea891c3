package com.marquee.booking.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.restassured.RestAssured;

/**
 * HTTP/1.1 over a plain socket, for what real clients never send: broken framing, missing Host, a
 * request cut off halfway, a client that hangs up before the answer.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** One answer as read off the wire; headers keyed in lower case. */
    public record Reply(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A well-formed request with Host, Content-Length and {@code Connection: close}; body may be null. */
    public static String request(String method, String path, String body, String... extraHeaderLines) {
        StringBuilder text = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: localhost\r\nConnection: close\r\n");
        if (body != null) {
            text.append("Content-Type: application/json\r\n");
        }
        for (String line : extraHeaderLines) {
            text.append(line).append("\r\n");
        }
        int length = body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length;
        text.append("Content-Length: ").append(length).append("\r\n\r\n");
        if (body != null) {
            text.append(body);
        }
        return text.toString();
    }

    public static Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("localhost", RestAssured.port), 2_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Sends the bytes as they are and reads the answer (the server closes or the body is complete). */
    public static Reply exchange(String raw) throws IOException {
        return exchange(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static Reply exchange(byte[] raw) throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(raw);
            out.flush();
            return read(socket.getInputStream());
        }
    }

    /**
     * Sends a whole request and hangs up without reading the answer: after {@code delayMillis}
     * (0 = at once), with a FIN or, if {@code reset}, an RST.
     */
    public static void abort(String raw, int delayMillis, boolean reset) throws IOException, InterruptedException {
        try (Socket socket = connect()) {
            if (reset) {
                socket.setSoLinger(true, 0);
            }
            socket.getOutputStream().write(raw.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
        }
    }

    /** True if the server closed the socket (read returns end of stream) within the socket's timeout. */
    public static boolean closedByServer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // drain whatever the server said before closing
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }

    /** One response: status line, headers, then a Content-Length, chunked or read-to-close body. */
    public static Reply read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null || !statusLine.startsWith("HTTP/1.")) {
            throw new IOException("no HTTP answer, got: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        } else {
            body.write(in.readAllBytes());
        }
        return new Reply(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
