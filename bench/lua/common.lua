-- Shared by every wrk scenario of bench/load.sh. Each thread counts its responses by status;
-- done() adds them up and prints one RESULT line (wrk's summary plus the counts) that load.sh
-- turns into a row of its table. Scenario scripts load this first with dofile().

threads = {}

function setup(thread)
   threads[#threads + 1] = thread
   thread:set("id", #threads)
end

s2xx, s409, s404, s405, sother = 0, 0, 0, 0, 0

function count(status)
   if status >= 200 and status < 300 then s2xx = s2xx + 1
   elseif status == 409 then s409 = s409 + 1
   elseif status == 404 then s404 = s404 + 1
   elseif status == 405 then s405 = s405 + 1
   else sother = sother + 1 end
end

function response(status, headers, body)
   count(status)
end

-- Lines of a file, skipping empty ones.
function lines_of(path)
   local out = {}
   for line in io.lines(path) do
      if #line > 0 then out[#out + 1] = line end
   end
   return out
end

function bearer(token, extra)
   local headers = { ["Authorization"] = "Bearer " .. token }
   for k, v in pairs(extra or {}) do headers[k] = v end
   return headers
end

function done(summary, latency, requests)
   local t = { s2xx = 0, s409 = 0, s404 = 0, s405 = 0, sother = 0 }
   for _, thread in ipairs(threads) do
      for k, _ in pairs(t) do t[k] = t[k] + (thread:get(k) or 0) end
   end
   local e = summary.errors
   local socket_errors = e.connect + e.read + e.write + e.timeout
   io.write(string.format(
      "RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d max_us=%d s2xx=%d s409=%d s404=%d s405=%d sother=%d socket_errors=%d\n",
      summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
      latency:percentile(50), latency:percentile(99), latency.max,
      t.s2xx, t.s409, t.s404, t.s405, t.sother, socket_errors))
end
