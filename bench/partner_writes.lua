-- bench/partner_writes.py's load: each wrk thread is one partner (its API key), each of its
-- connections starts a draft and submits it, every request with its own Idempotency-Key.
-- Environment: BENCH_KEYS (comma-separated API keys, one per thread), BENCH_BROADCASTS (open
-- broadcast ids), BENCH_RUN (makes the idempotency keys unique to the run).

local threads = {}
local counter = 0

local function split(text)
  local items = {}
  for item in string.gmatch(text or "", "[^,]+") do
    items[#items + 1] = item
  end
  return items
end

function setup(thread)
  counter = counter + 1
  thread:set("index", counter)
  table.insert(threads, thread)
end

function init(args)
  local keys = split(os.getenv("BENCH_KEYS"))
  broadcasts = split(os.getenv("BENCH_BROADCASTS"))
  key = keys[((index - 1) % #keys) + 1]
  run = os.getenv("BENCH_RUN") .. "-" .. index
  sent, creates, submits, errors = 0, 0, 0, 0
  statuses = {}
  drafts = {} -- ids of drafts made and not yet submitted by this thread
  math.randomseed(index)
end

local function headers()
  sent = sent + 1
  return {
    ["Authorization"] = "Api-Key " .. key,
    ["Content-Type"] = "application/json",
    ["Accept"] = "application/json",
    ["Idempotency-Key"] = run .. "-" .. sent,
  }
end

function request()
  local id = table.remove(drafts)
  if id then
    return wrk.format("POST", wrk.path .. id .. "/submit/", headers(), nil)
  end
  local broadcast = broadcasts[math.random(#broadcasts)]
  local body = string.format(
    '{"title":"Bench profile %s-%d","summary":"Older people join the day centre from home",'
      .. '"need_categories":["citizen_services","quality_of_care"],"broadcast":%s,'
      .. '"maturity":"pilot","languages":["he","ar"],'
      .. '"target_population":"older people living alone","problem":"isolation at home"}',
    run, sent + 1, broadcast
  )
  return wrk.format("POST", wrk.path, headers(), body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 201 then
    creates = creates + 1
    local id = string.match(body, '"id"%s*:%s*(%d+)')
    if id then
      table.insert(drafts, id)
    end
  elseif status == 200 then
    submits = submits + 1
  else
    errors = errors + 1
  end
end

function done(summary, latency, requests)
  local creates_all, submits_all, errors_all, codes = 0, 0, 0, {}
  for _, thread in ipairs(threads) do
    creates_all = creates_all + thread:get("creates")
    submits_all = submits_all + thread:get("submits")
    errors_all = errors_all + thread:get("errors")
    for code, n in pairs(thread:get("statuses")) do
      codes[code] = (codes[code] or 0) + n
    end
  end
  local parts = {}
  for code, n in pairs(codes) do
    parts[#parts + 1] = code .. ":" .. n
  end
  local e = summary.errors
  io.write(string.format("bench seconds %.3f\n", summary.duration / 1e6))
  io.write(string.format("bench requests %d\n", summary.requests))
  io.write(string.format("bench creates %d\n", creates_all))
  io.write(string.format("bench submits %d\n", submits_all))
  io.write(string.format("bench errors %d\n", errors_all))
  io.write(string.format("bench socket_errors %d\n", e.connect + e.read + e.write + e.timeout))
  io.write(string.format("bench p50_us %d\n", latency:percentile(50)))
  io.write(string.format("bench p95_us %d\n", latency:percentile(95)))
  io.write(string.format("bench p99_us %d\n", latency:percentile(99)))
  io.write(string.format("bench statuses %s\n", table.concat(parts, ",")))
end
