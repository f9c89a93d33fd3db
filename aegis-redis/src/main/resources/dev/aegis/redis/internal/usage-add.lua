-- Adds one usage record to its minute, hour and day buckets (KEYS[1..3], one tenant's slot):
-- ARGV[1] the field prefix (key, model, provider), ARGV[2..4] each bucket's expire-at (unix ms),
-- ARGV[5..13] requests, failures, input, output, cache-read, cache-write, reasoning, cost (billionths), unpriced.
local names = {'q', 'f', 'i', 'o', 'cr', 'cw', 'rs', 'c', 'u'}
for k = 1, 3 do
  for x = 1, 9 do
    local v = tonumber(ARGV[4 + x])
    if v ~= 0 then redis.call('HINCRBY', KEYS[k], ARGV[1] .. '\0' .. names[x], v) end
  end
  redis.call('PEXPIREAT', KEYS[k], ARGV[1 + k])
end
return 1
