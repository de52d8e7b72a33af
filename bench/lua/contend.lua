-- Users contend for one appointment ($APPOINTMENT). Run with one connection per thread: each
-- thread is one user (line `id` of $TOKENS_FILE) that tries to acquire and, when granted (200),
-- releases at once (204). 409 lock_held is the expected answer while someone else holds it.
-- The next request follows from the last answer (wrk may call request() once more than it sends).
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local acquire, release
local holding = false

function init(args)
   local tokens = lines_of(os.getenv("TOKENS_FILE"))
   local token = tokens[((id - 1) % #tokens) + 1]
   local path = "/api/appointments/" .. os.getenv("APPOINTMENT")
   acquire = wrk.format("POST", path .. "/acquire-lock", bearer(token))
   release = wrk.format("DELETE", path .. "/release-lock", bearer(token))
end

function request()
   return holding and release or acquire
end

function response(status, headers, body)
   count(status)
   holding = not holding and status == 200
end
