-- Readers: GET seat-map and the Theatre UI's seat list of one (half-sold) showtime, alternately.
dofile(os.getenv("BENCH_DIR") .. "/lua/stats.lua")

local showtime = os.getenv("ST_BASE")
local paths = { "/api/showtimes/" .. showtime .. "/seat-map", "/api/bookings/showtime/" .. showtime .. "/seats" }

function init(args)
  n = 0
end

function request()
  n = n + 1
  return wrk.format("GET", paths[n % 2 + 1])
end

function response(status, headers, body)
  tally(status)
end
