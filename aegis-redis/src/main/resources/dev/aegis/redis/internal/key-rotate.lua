-- Rotates a virtual key: the current hash becomes the previous one (valid until ARGV[2]) and
-- ARGV[1] the current; a revoked key is left as it is. Returns the key's fields, or nil.
-- KEYS[1] the key's hash.
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
if redis.call('HEXISTS', KEYS[1], 'revoked') == 0 then
  local current = redis.call('HGET', KEYS[1], 'hash')
  redis.call('HSET', KEYS[1], 'prev', current, 'prevUntil', ARGV[2], 'hash', ARGV[1])
end
return redis.call('HGETALL', KEYS[1])
