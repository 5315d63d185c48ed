-- Autosave POSTs, one signed-in person per wrk thread (one connection each), new text every time.
-- BENCH_AUTOSAVE = "path<TAB>cookie<TAB>csrf<NEWLINE>..." ; the version follows the answers (200 and 409 carry it).
local sessions = {}
for entry in string.gmatch(os.getenv("BENCH_AUTOSAVE") or "", "[^\n]+") do
  local path, cookie, csrf = string.match(entry, "([^\t]+)\t([^\t]+)\t([^\t]+)")
  table.insert(sessions, {path = path, cookie = cookie, csrf = csrf})
end
local next_session = 1

setup = function(thread)
  local s = sessions[((next_session - 1) % #sessions) + 1]
  next_session = next_session + 1
  thread:set("bench_path", s.path)
  thread:set("bench_cookie", s.cookie)
  thread:set("bench_csrf", s.csrf)
end

local version = 0
local counter = 0

request = function()
  if bench_path == nil then  -- wrk calls request() once in its main state, before the threads
    return wrk.format("GET", "/healthz/")
  end
  counter = counter + 1
  local body = "minutes=30&sources=&insight=bench+" .. counter .. "&version=" .. version
  return wrk.format("POST", bench_path, {
    ["Cookie"] = bench_cookie, ["X-CSRFToken"] = bench_csrf, ["X-Forwarded-Proto"] = "https",
    ["Referer"] = (os.getenv("BENCH_ORIGIN") or "") .. bench_path,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body)
end

local statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status ~= 200 and status ~= 409 and statuses[status] == 1 then
    io.write("BENCH-STATUS " .. status .. " " .. string.sub(body or "", 1, 200) .. "\n")
  end
  local v = string.match(body or "", '"version": *(%d+)')
  if v then version = tonumber(v) end
end
-- The report line is wrk_report.lua's, beside this file.
dofile(string.match(debug.getinfo(1, "S").source, "^@(.*/)") .. "wrk_report.lua")
