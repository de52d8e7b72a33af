-- Users contend for one appointment ($APPOINTMENT). Run with one connection per thread: each
-- thread is one user (line `id` of $TOKENS_FILE) that tries to acquire and, when granted (200),
-- releases at once (204). 409 lock_held is the expected answer while someone else holds it.
dofile(os.getenv("BENCH_LUA") .. "/lock-cycle.lua")

function init(args)
   local tokens = lines_of(os.getenv("TOKENS_FILE"))
   lock_cycle_target(tokens[((id - 1) % #tokens) + 1], os.getenv("APPOINTMENT"))
end
