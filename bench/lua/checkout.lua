-- Hold then /complete, per user: a thread completes the bookings it created before holding more.
-- Responses are told apart by their bodies (messages, or the problem's "instance" path).
dofile(os.getenv("BENCH_DIR") .. "/lua/stats.lua")

local base = tonumber(os.getenv("ST_BASE"))
local count_st = tonumber(os.getenv("ST_COUNT"))
local cols = tonumber(os.getenv("ST_COLS"))
local nthreads = tonumber(os.getenv("WRK_THREADS"))
local headers = { ["Content-Type"] = "application/json" }

function init(args)
  n = 0
  queue = {}
  created = {}
end

function request()
  if #queue > 0 then
    local id = table.remove(queue, 1)
    return wrk.format("POST", "/api/bookings/" .. id .. "/complete", headers, nil)
  end
  local k = n * nthreads + tid
  n = n + 1
  local showtime = base + (k % count_st)
  local first = math.floor(k / count_st) * 2
  local body = string.format(
    '{"user_id":%d,"showtime_id":%d,"seats":[{"row":%d,"col":%d},{"row":%d,"col":%d}]}',
    k + 1, showtime, math.floor(first / cols) + 1, first % cols + 1, math.floor((first + 1) / cols) + 1,
    (first + 1) % cols + 1)
  return wrk.format("POST", "/api/bookings/", headers, body)
end

function response(status, headers, body)
  local kind = "hold"
  if string.find(body, "Booking completed", 1, true) or string.find(body, '/complete"', 1, true) then
    kind = "complete"
  end
  tally(kind .. "_" .. status)
  if status == 201 then
    local id = string.match(body, '"booking_id":(%d+)')
    table.insert(queue, id)
    table.insert(created, id)
  end
end
