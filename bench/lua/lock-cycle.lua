-- Alternates POST acquire-lock and DELETE release-lock on one appointment, for one user per
-- thread. The next request follows from the last answer, not from a counter: wrk may call
-- request() once more than it sends. A script sets its target with lock_cycle_target() in init().
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local acquire, release
local holding = false

function lock_cycle_target(token, appointment)
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
