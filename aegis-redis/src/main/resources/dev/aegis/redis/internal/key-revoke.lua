-- Revokes a virtual key at ARGV[1] (unix ms) and keeps it for ARGV[2] ms so it can still be
-- listed and described; nil when there is no such key or it was revoked already.
-- KEYS[1] the key's hash.
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HEXISTS', KEYS[1], 'revoked') == 1 then return false end
redis.call('HSET', KEYS[1], 'revoked', ARGV[1])
redis.call('HDEL', KEYS[1], 'prev', 'prevUntil')
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return redis.call('HGETALL', KEYS[1])
