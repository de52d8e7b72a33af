-- One-step bookings spread over many slots: POST /api/bookings as patients ($TOKENS_FILE, one
-- token a line) on slots ($SLOTS_FILE, one id a line). Each thread owns its own share of the
-- patients and walks (patient, slot) pairs so no pair repeats until all are used: every
-- attempt is a real booking, never an overlap with the patient's earlier one.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local mine = {}
local slots
local k = 0

function init(args)
   local tokens = lines_of(os.getenv("TOKENS_FILE"))
   slots = lines_of(os.getenv("SLOTS_FILE"))
   local nthreads = tonumber(os.getenv("WRK_THREADS"))
   for i, token in ipairs(tokens) do
      if (i - 1) % nthreads == id - 1 then mine[#mine + 1] = token end
   end
end

function request()
   local patient = mine[(k % #mine) + 1]
   local slot = slots[(math.floor(k / #mine) % #slots) + 1]
   k = k + 1
   return wrk.format("POST", "/api/bookings",
      bearer(patient, { ["Content-Type"] = "application/json" }),
      '{"slotId":"' .. slot .. '","seats":1}')
end
