-- Acquire + release cycle. Run with one connection per thread (-t N -c N): each thread is one
-- user editing its own appointment (line `id` of $CYCLE_FILE: "<token> <appointmentId>") and
-- alternates POST acquire-lock (200) and DELETE release-lock (204) on its one connection.
-- The next request follows from the last answer, not from a counter: wrk may call request()
-- once more than it sends.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local acquire, release
local holding = false

function init(args)
   local lines = lines_of(os.getenv("CYCLE_FILE"))
   local token, appointment = lines[((id - 1) % #lines) + 1]:match("(%S+)%s+(%S+)")
   local path = "/api/appointments/" .. appointment
   acquire = wrk.format("POST", path .. "/acquire-lock", bearer(token))
   release = wrk.format("DELETE", path .. "/release-lock", bearer(token))
end

function request()
   return holding and release or acquire
end

function response(status, headers, body)
   count(status)
   -- After a release the lock is free; after an acquire it is ours when the answer was 200.
   holding = not holding and status == 200
end
