-- GET with wrk's own request (URL and -H headers from the command line); only counts statuses.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
