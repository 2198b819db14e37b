-- One wrk script for every figure of bench/run, chosen by environment variables:
--   BENCH_MODE    get (default), spread (reports over items) or rush (reports on one item at a time)
--   BENCH_TOKEN   bearer token of a get
--   BENCH_TOKENS  file of "<province> <token>" lines, one per bureau (spread and rush)
--   BENCH_OFFSET  first combination of province x item x period to use (default 0)
--   BENCH_RATE    requests a second in all, paced evenly (default: as fast as the connections go)
-- It prints one line, "RESULT key=value ...", that bench/run reads.
local ffi = require("ffi")
ffi.cdef [[
    typedef struct { long tv_sec; long tv_nsec; } timespec;
    int clock_gettime(int clock_id, timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local timespec = ffi.new("timespec")
local function now_ms()
    ffi.C.clock_gettime(CLOCK_MONOTONIC, timespec)
    return tonumber(timespec.tv_sec) * 1000 + tonumber(timespec.tv_nsec) / 1e6
end

local mode = os.getenv("BENCH_MODE") or "get"
local items = {}
for code in string.gmatch(os.getenv("BENCH_ITEMS") or "", "[^,]+") do items[#items + 1] = code end
local periods = {}
for month = 1, 12 do periods[#periods + 1] = string.format("2025-%02d", month) end
for quarter = 1, 4 do periods[#periods + 1] = "2025-Q" .. quarter end

-- main state: number the threads, collect their counts at the end
local threads = {}
local thread_count = 0
function setup(thread)
    thread:set("thread_index", thread_count)
    thread_count = thread_count + 1
    thread:set("thread_total", tonumber(os.getenv("BENCH_THREADS") or "2"))
    table.insert(threads, thread)
end

-- thread state
local provinces, tokens = {}, {}
local next_index, step, limit
-- globals, so that done() can read them with thread:get
created, conflicts, failures = 0, 0, 0
local pace_ms, next_due
local run_id = os.getenv("BENCH_RUN_ID") or tostring(os.time())

function init(args)
    wrk.headers["Accept"] = "application/json"
    if os.getenv("BENCH_TOKEN") then
        wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
    end
    if mode ~= "get" then
        for line in io.lines(os.getenv("BENCH_TOKENS")) do
            local code, token = string.match(line, "^(%d+) (%S+)$")
            provinces[#provinces + 1] = code
            tokens[#tokens + 1] = token
        end
        wrk.method = "POST"
        wrk.headers["Content-Type"] = "application/json"
        step = thread_total
        next_index = tonumber(os.getenv("BENCH_OFFSET") or "0") + thread_index
        limit = #provinces * #items * #periods
    end
    local rate = tonumber(os.getenv("BENCH_RATE") or "0")
    if rate > 0 then
        pace_ms = 1000 * thread_total / rate
    end
end

-- combination i as (province, item, period): spread turns the item fastest, rush the province
local function combination(i)
    local p, n_items = #provinces, #items
    if mode == "rush" then
        return (i % p) + 1, math.floor(i / (p * #periods)) % n_items + 1, math.floor(i / p) % #periods + 1
    end
    return math.floor(i / n_items) % p + 1, (i % n_items) + 1, math.floor(i / (p * n_items)) % #periods + 1
end

function request()
    if mode == "get" then
        return wrk.format()
    end
    if next_index >= limit then
        -- every combination is used: a further report would only meet a 409
        wrk.thread:stop()
    end
    local province, item, period = combination(next_index)
    next_index = next_index + step
    local body = string.format(
        '{"itemCode":"%s","period":"%s","percentComplete":%d,"status":"ON_TRACK",' ..
        '"narrative":"基准测试 benchmark report %d","metrics":[{"name":"治理项目","value":%d,"unit":"个"}]}',
        items[item], periods[period], next_index % 101, next_index, next_index % 997)
    local headers = {
        ["Authorization"] = "Bearer " .. tokens[province],
        ["Idempotency-Key"] = "bench-" .. run_id .. "-" .. next_index,
    }
    return wrk.format(nil, nil, headers, body)
end

function delay()
    if not pace_ms then
        return 0
    end
    local now = now_ms()
    next_due = math.max(next_due or now, now)
    local wait = next_due - now
    next_due = next_due + pace_ms
    return wait
end

-- Only the writes need each answer's status (201 or 409): with a response() function wrk hands every
-- body to Lua, which for the 155 KB heatmap cost wrk itself more CPU than the service's answer (gets
-- ran at 6,600 to 8,400 a second with it, 10,500 to 13,500 without, on the same stack). Gets count
-- their non-2xx/3xx answers from wrk's own summary instead.
if mode ~= "get" then
    function response(status, headers, body)
        if status == 201 then
            created = created + 1
        elseif status == 409 then
            conflicts = conflicts + 1
        else
            failures = failures + 1
            if failures <= 3 then
                io.stderr:write("unexpected status " .. status .. ": " .. string.sub(body or "", 1, 300) .. "\n")
            end
        end
    end
end

function done(summary, latency, requests)
    local ok, conflict, failed = 0, 0, 0
    for _, thread in ipairs(threads) do
        ok = ok + (thread:get("created") or 0)
        conflict = conflict + (thread:get("conflicts") or 0)
        failed = failed + (thread:get("failures") or 0)
    end
    local errors = summary.errors
    local socket_errors = errors.connect + errors.read + errors.write + errors.timeout
    if mode == "get" then
        ok, failed = summary.requests - errors.status, errors.status
    end
    local seconds = summary.duration / 1e6
    io.write(string.format(
        "RESULT requests=%d ok=%d conflicts=%d failures=%d socket_errors=%d seconds=%.3f rate=%.1f " ..
        "p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f\n",
        summary.requests, ok, conflict, failed, socket_errors, seconds, ok / seconds,
        latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000))
end
