#!/usr/bin/env python3
"""Commit-to-stream latency across two instances (stdlib only; run by live-latency.sh).

Subscribes to GET /api/showtimes/{id}/seats/stream on instance B, then holds seats one request at a time on
instance A, and matches each hold's answer (201: the hold has committed) with the `change` event B streams
for its booking. Prints p50/p90/p99/max of answer-to-event and of request-to-event, and how many holds were
never streamed (must be 0).

usage: live_latency.py A_URL B_URL SHOWTIME_ID HOLDS COLS
"""
import http.client
import json
import sys
import threading
import time
import urllib.parse


def main():
    a_url, b_url, showtime, holds, cols = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    seen = {}  # booking_id -> monotonic time the change event arrived
    ready = threading.Event()

    def listen():
        b = urllib.parse.urlparse(b_url)
        conn = http.client.HTTPConnection(b.hostname, b.port, timeout=120)
        conn.request("GET", f"/api/showtimes/{showtime}/seats/stream", headers={"Accept": "text/event-stream"})
        resp = conn.getresponse()
        if resp.status != 200:
            print(f"stream answered {resp.status}", file=sys.stderr)
            ready.set()
            return
        name = None
        while True:
            line = resp.fp.readline()
            if not line:
                return
            line = line.decode().rstrip("\n")
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                if name == "snapshot":
                    ready.set()
                elif name == "change":
                    now = time.monotonic()
                    for seat in json.loads(line[5:])["seats"]:
                        seen.setdefault(seat["booking_id"], now)
            elif line == "":
                name = None

    threading.Thread(target=listen, daemon=True).start()
    if not ready.wait(30):
        sys.exit("no snapshot from instance B")

    a = urllib.parse.urlparse(a_url)
    conn = http.client.HTTPConnection(a.hostname, a.port, timeout=30)
    sent, answered = {}, {}
    for i in range(holds):
        seat = {"row": i // cols + 1, "col": i % cols + 1}
        body = json.dumps({"user_id": i + 1, "showtime_id": showtime, "seats": [seat]})
        t0 = time.monotonic()
        conn.request("POST", "/api/bookings/", body, {"Content-Type": "application/json"})
        resp = conn.getresponse()
        payload = resp.read()
        t1 = time.monotonic()
        if resp.status != 201:
            sys.exit(f"hold {i} answered {resp.status}: {payload[:200]}")
        booking = json.loads(payload)["booking_id"]
        sent[booking], answered[booking] = t0, t1
        time.sleep(0.02)  # one hold at a time, as a person would: each is its own burst
    deadline = time.monotonic() + 5
    while len([b for b in answered if b in seen]) < len(answered) and time.monotonic() < deadline:
        time.sleep(0.05)

    def pct(values, p):
        return values[min(len(values) - 1, int(len(values) * p))] * 1000

    after_answer = sorted(seen[b] - answered[b] for b in answered if b in seen)
    after_send = sorted(seen[b] - sent[b] for b in answered if b in seen)
    missing = len(answered) - len(after_answer)
    for label, values in (("201-to-event", after_answer), ("request-to-event", after_send)):
        print(f"{label}: n={len(values)} p50_ms={pct(values, .5):.1f} p90_ms={pct(values, .9):.1f} "
              f"p99_ms={pct(values, .99):.1f} max_ms={values[-1] * 1000:.1f}")
    print(f"never streamed: {missing}")
    sys.exit(1 if missing else 0)


if __name__ == "__main__":
    main()
