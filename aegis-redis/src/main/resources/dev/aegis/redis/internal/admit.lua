-- Acquires a request's rate limits (GCRA) and, if they admit it, reserves its budgets: all in one
-- step on one hash slot (every key carries the request's {tenant} tag).
-- KEYS: the n limit counters, then the m budget counters.
-- ARGV[1] now in microseconds (negative: the server's clock), ARGV[2] n, ARGV[3] m, ARGV[4] the
-- concurrency lease in ms; then per limit: kind (0 rate, 1 concurrency), amount, period (us),
-- cost (for a rate: its share cost*period/amount in us; for concurrency: the slots); then per
-- budget: cap, amount (both in billionths), expire-at (unix ms).
-- Returns {now, rejected limit (0: none), wait (us), value of each limit after the decision,
--          budget verdict (-1 not tried, 0 refused, 1 reserved), rejected budget, spent_i, reserved_i ...}
-- integers print in full: tostring would give 1.7e+15 for a microsecond clock
local function fmt(x) return string.format('%.0f', x) end
local now = tonumber(ARGV[1])
if now < 0 then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000000 + tonumber(t[2])
end
local n = tonumber(ARGV[2])
local m = tonumber(ARGV[3])
local lease = tonumber(ARGV[4])
local worst = 0
local worstWait = -1
local values = {}
local nexts = {}
for i = 1, n do
  local b = 4 + (i - 1) * 4
  local kind = tonumber(ARGV[b + 1])
  local amount = tonumber(ARGV[b + 2])
  local period = tonumber(ARGV[b + 3])
  local cost = tonumber(ARGV[b + 4])
  local v = redis.call('GET', KEYS[i])
  if kind == 1 then
    local inUse = v and tonumber(v) or 0
    values[i] = inUse
    if inUse + cost > amount then
      if worst == 0 then
        worst = i
        worstWait = 0
      end
    else
      nexts[i] = inUse + cost
    end
  else
    local base = now
    if v and tonumber(v) > now then base = tonumber(v) end
    values[i] = v and tonumber(v) or 0
    local tat = base + cost
    if tat - now > period then
      local wait = tat - period - now
      if wait > worstWait then
        worst = i
        worstWait = wait
      end
    else
      nexts[i] = tat
    end
  end
end
if worst == 0 then
  for i = 1, n do
    local kind = tonumber(ARGV[4 + (i - 1) * 4 + 1])
    if kind == 1 then
      redis.call('SET', KEYS[i], fmt(nexts[i]), 'PX', lease)
    else
      redis.call('SET', KEYS[i], fmt(nexts[i]), 'PX', math.max(1, math.ceil((nexts[i] - now) / 1000)))
    end
    values[i] = nexts[i]
  end
  worstWait = 0
end
local out = {now, worst, worstWait}
for i = 1, n do out[#out + 1] = values[i] end
if worst ~= 0 or m == 0 then
  out[#out + 1] = -1
  return out
end
local b0 = 4 + n * 4
local rejected = 0
for j = 1, m do
  local b = b0 + (j - 1) * 3
  local cap = tonumber(ARGV[b + 1])
  local amt = tonumber(ARGV[b + 2])
  local h = redis.call('HMGET', KEYS[n + j], 's', 'r')
  if (tonumber(h[1]) or 0) + (tonumber(h[2]) or 0) + amt > cap then
    rejected = j
    break
  end
end
if rejected == 0 then
  for j = 1, m do
    local b = b0 + (j - 1) * 3
    redis.call('HINCRBY', KEYS[n + j], 'r', ARGV[b + 2])
    redis.call('PEXPIREAT', KEYS[n + j], ARGV[b + 3])
  end
end
out[#out + 1] = rejected == 0 and 1 or 0
out[#out + 1] = rejected
for j = 1, m do
  local h = redis.call('HMGET', KEYS[n + j], 's', 'r')
  out[#out + 1] = tonumber(h[1]) or 0
  out[#out + 1] = tonumber(h[2]) or 0
end
return out
