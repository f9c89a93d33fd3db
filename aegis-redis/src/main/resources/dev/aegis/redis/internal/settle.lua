-- Ends an admitted request in one step: gives back its concurrency slots, corrects its token
-- counters to the tokens it used, and replaces its budget reservations by what it cost.
-- KEYS: the n limit counters, then the m budget counters.
-- ARGV[1] now (us; negative: the server's clock), ARGV[2] n, ARGV[3] m, ARGV[4] lease (ms); then
-- per limit: kind (0 requests, 1 concurrency, 2 tokens), cost (concurrency slots), shift (us, signed:
-- the token correction, 0 for none); then per budget: reserved, actual (billionths), expire-at (ms).
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
for i = 1, n do
  local b = 4 + (i - 1) * 3
  local kind = tonumber(ARGV[b + 1])
  local v = redis.call('GET', KEYS[i])
  if kind == 1 then
    local inUse = (v and tonumber(v) or 0) - tonumber(ARGV[b + 2])
    if inUse > 0 then
      redis.call('SET', KEYS[i], fmt(inUse), 'PX', lease)
    else
      redis.call('DEL', KEYS[i])
    end
  elseif kind == 2 then
    local shift = tonumber(ARGV[b + 3])
    if shift ~= 0 and not (shift < 0 and not v) then
      local base = now
      if v and tonumber(v) > now then base = tonumber(v) end
      local tat = base + shift
      if tat > now then
        redis.call('SET', KEYS[i], fmt(tat), 'PX', math.max(1, math.ceil((tat - now) / 1000)))
      else
        redis.call('DEL', KEYS[i])
      end
    end
  end
end
local b0 = 4 + n * 3
for j = 1, m do
  local b = b0 + (j - 1) * 3
  local k = KEYS[n + j]
  local r = (tonumber(redis.call('HGET', k, 'r')) or 0) - tonumber(ARGV[b + 1])
  if r < 0 then r = 0 end
  redis.call('HSET', k, 'r', fmt(r))
  redis.call('HINCRBY', k, 's', ARGV[b + 2])
  redis.call('PEXPIREAT', k, ARGV[b + 3])
end
return n + m
