-- POST /api/bookings/ of 2 distinct free seats per request, spread over ST_COUNT showtimes of
-- ST_ROWS x ST_COLS seats starting at id ST_BASE. Request k takes pair k / ST_COUNT of showtime
-- ST_BASE + k % ST_COUNT, so requests never collide (a 409 here would be a bug).
dofile(os.getenv("BENCH_DIR") .. "/lua/stats.lua")

local base = tonumber(os.getenv("ST_BASE"))
local count = tonumber(os.getenv("ST_COUNT"))
local cols = tonumber(os.getenv("ST_COLS"))
local nthreads = tonumber(os.getenv("WRK_THREADS"))
-- pairs to skip on each showtime: another load can take the first ones (bench/slow-provider.sh)
local offset = tonumber(os.getenv("PAIR_OFFSET") or "0")
local headers = { ["Content-Type"] = "application/json" }

function init(args)
  n = 0
  created = {}
end

function request()
  local k = n * nthreads + tid
  n = n + 1
  local showtime = base + (k % count)
  local first = (math.floor(k / count) + offset) * 2
  local second = first + 1
  local body = string.format(
    '{"user_id":%d,"showtime_id":%d,"seats":[{"row":%d,"col":%d},{"row":%d,"col":%d}]}',
    k + 1, showtime, math.floor(first / cols) + 1, first % cols + 1, math.floor(second / cols) + 1,
    second % cols + 1)
  return wrk.format("POST", "/api/bookings/", headers, body)
end

function response(status, headers, body)
  tally(status)
  if status == 201 then
    table.insert(created, string.match(body, '"booking_id":(%d+)'))
  end
end
