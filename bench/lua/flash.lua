-- A flash sale: every client grabs a random pair of adjacent seats (seats 2i and 2i+1 of a
-- ST_ROWS x ST_COLS showtime) until none is left; most requests lose with a 409.
dofile(os.getenv("BENCH_DIR") .. "/lua/stats.lua")

local showtime = tonumber(os.getenv("ST_BASE"))
local rows = tonumber(os.getenv("ST_ROWS"))
local cols = tonumber(os.getenv("ST_COLS"))
local pairs_total = rows * cols / 2
local headers = { ["Content-Type"] = "application/json" }

function init(args)
  math.randomseed(os.time() * 100 + tid)
  n = 0
  created = {}
end

function request()
  n = n + 1
  local pair = math.random(0, pairs_total - 1)
  local first = pair * 2
  local body = string.format(
    '{"user_id":%d,"showtime_id":%d,"seats":[{"row":%d,"col":%d},{"row":%d,"col":%d}]}',
    tid * 1000000 + n, showtime, math.floor(first / cols) + 1, first % cols + 1,
    math.floor((first + 1) / cols) + 1, (first + 1) % cols + 1)
  return wrk.format("POST", "/api/bookings/", headers, body)
end

function response(status, headers, body)
  tally(status)
  if status == 201 then
    table.insert(created, string.match(body, '"booking_id":(%d+)'))
  end
end
