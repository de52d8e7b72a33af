-- Acquire + release cycle. Run with one connection per thread (-t N -c N): each thread is one
-- user editing its own appointment (line `id` of $CYCLE_FILE: "<token> <appointmentId>").
dofile(os.getenv("BENCH_LUA") .. "/lock-cycle.lua")

function init(args)
   local lines = lines_of(os.getenv("CYCLE_FILE"))
   lock_cycle_target(lines[((id - 1) % #lines) + 1]:match("(%S+)%s+(%S+)"))
end
