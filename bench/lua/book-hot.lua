-- Many bookers on one slot ($SLOT): every request is a different patient ($TOKENS_FILE) in turn,
-- so hundreds of connections race for the same few seats. After the seats are gone every
-- attempt is 409 (slot_full, or booking_conflict for a patient who already got one).
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local tokens
local k = 0
local body

function init(args)
   tokens = lines_of(os.getenv("TOKENS_FILE"))
   -- Threads start at different patients, so concurrent requests are different bookers.
   k = math.floor((id - 1) * #tokens / tonumber(os.getenv("WRK_THREADS")))
   body = '{"slotId":"' .. os.getenv("SLOT") .. '","seats":1}'
end

function request()
   local token = tokens[(k % #tokens) + 1]
   k = k + 1
   return wrk.format("POST", "/api/bookings", bearer(token, { ["Content-Type"] = "application/json" }), body)
end
