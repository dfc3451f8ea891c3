-- Pollers as the Theatre UI's browser behaves: GET seat-map and the UI's seat list of one showtime,
-- alternately, each with If-None-Match set to the ETag it last got (200 the first time, then 304 while
-- nothing changes).
dofile(os.getenv("BENCH_DIR") .. "/lua/stats.lua")

local showtime = os.getenv("ST_BASE")
local paths = { "/api/showtimes/" .. showtime .. "/seat-map", "/api/bookings/showtime/" .. showtime .. "/seats" }
local etags = {}

function init(args)
  n = 0
end

function request()
  n = n + 1
  local i = n % 2 + 1
  if etags[i] then
    return wrk.format("GET", paths[i], { ["If-None-Match"] = etags[i] })
  end
  return wrk.format("GET", paths[i])
end

function response(status, headers, body)
  -- a thread's connections interleave, so tell the two reads apart by their body (a 304 has none)
  local etag = headers["ETag"] or headers["etag"]
  if status == 200 and etag then
    etags[string.find(body, "seat_map", 1, true) and 1 or 2] = etag
  end
  tally(status)
end
