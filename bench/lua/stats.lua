-- Shared by every scenario: count responses by status (and by kind, when a scenario sets one) per
-- thread, and print throughput, p50/p90/p99 and the counts as one machine-readable line.
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

statuses = {}

function tally(key)
  statuses[key] = (statuses[key] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for key, n in pairs(counts) do
      totals[key] = (totals[key] or 0) + n
    end
  end
  local keys = {}
  for key in pairs(totals) do table.insert(keys, key) end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {}
  for _, key in ipairs(keys) do table.insert(parts, string.format("%s=%d", key, totals[key])) end
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.1f requests=%d errors=%d statuses=%s\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    table.concat(parts, ",")))
  local file = os.getenv("BENCH_CREATED")
  if file then
    local out = io.open(file, "a")
    for _, thread in ipairs(threads) do
      local created = thread:get("created")
      if created then
        for _, id in ipairs(created) do out:write(id, "\n") end
      end
    end
    out:close()
  end
end
