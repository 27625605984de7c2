-- wrk script for bench/thread_read.py's posting test: one writer per wrk thread.
--
--   POST_CONFIG=post.lua wrk -t8 -c8 -d10s --latency -s bench/thread_post.lua http://127.0.0.1:P/
--
-- POST_CONFIG names a Lua file (written by thread_read.py) returning
--   { mode = "parley" | "isso", path = "/api/v1/threads/2/comments" | "/new?uri=…",
--     title = "…", writers = { { cookie = "…", token = "…", name = "…" }, … },
--     parents = { 12, 15, … }, bodies = { "…", … }, ids_out = "/tmp/…/ids.txt" }
-- Bodies are already JSON-escaped. Each thread posts as its own writer (its own session
-- cookie and CSRF token for Parley; its own X-Forwarded-For address for Isso), two requests
-- in five are replies to one of `parents`, and every body ends with a unique marker.
-- done() prints "STATUS <code> <count>" lines and "DURATION_US <n>", and writes the ids
-- of the acknowledged (2xx) comments to ids_out, one a line.

local threads = {}
local cfg

local function config()
  if not cfg then
    cfg = dofile(os.getenv("POST_CONFIG"))
  end
  return cfg
end

function setup(thread)
  table.insert(threads, thread)
  thread:set("writer", #threads)
end

-- Per-thread globals (done() reads counts and ids with thread:get, which sees globals only).
sent = 0
me, headers, counts, ids = nil, nil, nil, nil

function init(args)
  config()
  counts = {}
  ids = {}
  me = cfg.writers[((writer - 1) % #cfg.writers) + 1]
  headers = { ["Content-Type"] = "application/json" }
  if cfg.mode == "parley" then
    headers["Cookie"] = me.cookie
    headers["X-CSRFToken"] = me.token
  end
end

function request()
  sent = sent + 1
  local parent = "null"
  if sent % 5 < 2 and #cfg.parents > 0 then
    parent = tostring(cfg.parents[((sent * 7 + writer * 31) % #cfg.parents) + 1])
  end
  local text = cfg.bodies[((sent + writer * 13) % #cfg.bodies) + 1]
    .. " (writer " .. writer .. ", post " .. sent .. ")"
  local body
  if cfg.mode == "parley" then
    body = '{"body":"' .. text .. '","parent_id":' .. parent .. "}"
  else
    headers["X-Forwarded-For"] = "10.77." .. writer .. "." .. ((sent % 250) + 1)
    body = '{"text":"' .. text .. '","author":"' .. me.name .. '","title":"' .. cfg.title
      .. '","parent":' .. parent .. "}"
  end
  return wrk.format("POST", cfg.path, headers, body)
end

function response(status, hdrs, body)
  counts[status] = (counts[status] or 0) + 1
  if status >= 200 and status < 300 then
    local id = string.match(body, '"id":%s*(%d+)')
    if id then
      table.insert(ids, id)
    end
  end
end

function done(summary, latency, requests)
  config()
  local total = {}
  local out = io.open(cfg.ids_out, "w")
  for _, thread in ipairs(threads) do
    local c = thread:get("counts") or {}
    for status, n in pairs(c) do
      total[status] = (total[status] or 0) + n
    end
    for _, id in ipairs(thread:get("ids") or {}) do
      out:write(id, "\n")
    end
  end
  out:close()
  for status, n in pairs(total) do
    io.write(string.format("STATUS %d %d\n", status, n))
  end
  io.write(string.format("DURATION_US %d\n", summary.duration))
end
